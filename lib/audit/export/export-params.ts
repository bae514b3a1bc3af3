// The query of both export URLs: format, the audit filter (lib/audit/audit-filter.ts) and
// `through`, the newest seq the export covers. Unknown parameters (the explorer's paging) are
// ignored; bad values are 400 naming the field.
import { z } from "zod";
import { AuditFilterSchema, filterToSearchParams, searchParamsToInput, type AuditFilter } from "@/lib/audit/audit-filter";
import { parseWith } from "@/lib/http/validation";
import { EXPORT_FORMATS, type ExportFormat } from "./columns";

const ExportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: (issue) => (issue.input === undefined ? "is required (csv or jsonl)" : "must be csv or jsonl") }),
  through: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,14})$/, "must be a sequence number (a non-negative integer)")
    .transform(Number)
    .optional(),
});

export type ExportRequest = { format: ExportFormat; filter: AuditFilter; through: number | undefined };

export function parseExportQuery(params: URLSearchParams): ExportRequest {
  const { format, through } = parseWith(
    ExportQuerySchema,
    { format: params.get("format") ?? undefined, through: params.get("through") ?? undefined },
    "query",
  );
  const filter = parseWith(AuditFilterSchema, searchParamsToInput(params), "query");
  return { format, through, filter };
}

/** The filter as the manifest and the audit event record it: the set parameters, as strings. */
export const filterRecord = (filter: AuditFilter): Record<string, string> => Object.fromEntries(filterToSearchParams(filter));
