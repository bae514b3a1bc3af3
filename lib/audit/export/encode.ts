// The two export encodings of audit rows. Both are pure and deterministic, so the manifest's
// SHA-256 (computed by encoding the same rows again) matches the downloaded bytes.
//
// CSV (RFC 4180): a header row, CRLF line ends. Every text value is quoted (quotes doubled),
// integers and booleans are bare, and null is an empty bare cell, so `,,` (null) and `,"",`
// (empty string) stay distinct. `details` is the quoted jsonb text.
//
// JSON Lines: one object per line (LF), keys in column order, written by concatenation so that
// `details` is the jsonb text itself, embedded as a JSON object; integers are bare digits
// (cost_micros and seq may exceed 2^53).
import { EXPORT_COLUMNS, type ColumnName, type ExportFormat, type ExportRow } from "./columns";

const quoteCsv = (text: string) => `"${text.replaceAll('"', '""')}"`;

function csvCell(kind: (typeof EXPORT_COLUMNS)[number][1], value: ExportRow[ColumnName]): string {
  if (value === null) return "";
  if (kind === "integer" || kind === "boolean") return String(value);
  return quoteCsv(String(value));
}

export const CSV_HEADER = `${EXPORT_COLUMNS.map(([name]) => name).join(",")}\r\n`;

export function csvRow(row: ExportRow): string {
  return `${EXPORT_COLUMNS.map(([name, kind]) => csvCell(kind, row[name])).join(",")}\r\n`;
}

function jsonValue(kind: (typeof EXPORT_COLUMNS)[number][1], value: ExportRow[ColumnName]): string {
  if (value === null) return "null";
  if (kind === "jsonb" || kind === "integer" || kind === "boolean") return String(value);
  return JSON.stringify(value);
}

export function jsonlLine(row: ExportRow): string {
  return `{${EXPORT_COLUMNS.map(([name, kind]) => `"${name}":${jsonValue(kind, row[name])}`).join(",")}}\n`;
}

export type Encoder = { header: string; rows: (rows: readonly ExportRow[]) => string };

export function encoderFor(format: ExportFormat): Encoder {
  const line = format === "csv" ? csvRow : jsonlLine;
  return { header: format === "csv" ? CSV_HEADER : "", rows: (rows) => rows.map(line).join("") };
}
