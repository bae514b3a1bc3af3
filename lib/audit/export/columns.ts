// The exported form of an audit entry: every chain field under its canonical name, plus the
// stored entry_hash. `details` is PostgreSQL's jsonb text of the details (`details::text`),
// carried verbatim because the hash covers exactly that text.
import { hashCanonical, RawJsonb, type CanonicalFields } from "@/lib/audit/chain-hash";

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Kind = "string" | "nullable" | "integer" | "boolean" | "jsonb";

/** Column order of both formats, with each column's kind (how it is written and read back). */
export const EXPORT_COLUMNS = [
  ["id", "string"],
  ["workspace_id", "string"],
  ["seq", "integer"],
  ["timestamp", "string"],
  ["actor_type", "string"],
  ["actor_id", "string"],
  ["agent_id", "nullable"],
  ["session_id", "nullable"],
  ["suggested_by", "nullable"],
  ["tool", "string"],
  ["action", "string"],
  ["decision", "nullable"],
  ["cost_micros", "integer"],
  ["details", "jsonb"],
  ["flagged", "boolean"],
  ["flag_reason", "nullable"],
  ["prev_hash", "string"],
  ["entry_hash", "string"],
] as const satisfies readonly (readonly [string, Kind])[];

export type ColumnName = (typeof EXPORT_COLUMNS)[number][0];

/** An exported row: the canonical fields with details as jsonb text verbatim, and the stored hash. */
export type ExportRow = Omit<CanonicalFields, "details"> & { details: string; entry_hash: string };

/** The entry hash recomputed from an exported row's fields (its stored entry_hash excluded). */
export function recomputeEntryHash(row: ExportRow): string {
  const { entry_hash: _stored, details, ...fields } = row;
  return hashCanonical({ ...fields, details: new RawJsonb(details) });
}

export const FILE_EXTENSION: Record<ExportFormat, string> = { csv: "csv", jsonl: "jsonl" };
export const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8; header=present",
  jsonl: "application/jsonl; charset=utf-8",
};
