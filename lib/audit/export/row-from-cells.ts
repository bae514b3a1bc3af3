// Turns the cells of one exported record (CSV cells, or JSON Lines values as raw JSON text)
// into a typed row, naming the record, the entry and the column when a value is malformed.
import { EXPORT_COLUMNS, type ExportRow } from "./columns";

/** A CSV cell: its text and whether it was quoted. JSON Lines passes raw JSON text as `json`. */
export type CsvCell = { text: string; quoted: boolean };
export type Cell = CsvCell | { json: string };

export class ExportFormatError extends Error {}

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

function describe(where: string, cells: Cell[], column: string, problem: string): ExportFormatError {
  const id = valueOf(cells[0]);
  const seq = valueOf(cells[2]);
  const entry = typeof id === "string" ? ` (entry ${id}${typeof seq === "string" ? `, seq ${seq}` : ""})` : "";
  return new ExportFormatError(`${where}${entry}: column ${column} ${problem}`);
}

/** The plain value of a cell when it is text, for messages. */
function valueOf(cell: Cell | undefined): string | null {
  if (!cell) return null;
  if ("json" in cell) {
    try {
      const value: unknown = JSON.parse(cell.json);
      return typeof value === "string" || typeof value === "number" ? String(value) : null;
    } catch {
      return null;
    }
  }
  return cell.text;
}

type Kind = (typeof EXPORT_COLUMNS)[number][1];

function convert(kind: Kind, cell: Cell): { value: unknown } | { problem: string } {
  if ("json" in cell) {
    const raw = cell.json;
    if (kind === "jsonb") return raw.startsWith("{") ? { value: raw } : { problem: "must be a JSON object" };
    if (kind === "integer") return INTEGER.test(raw) ? { value: BigInt(raw) } : { problem: "must be an integer" };
    if (kind === "boolean") return raw === "true" || raw === "false" ? { value: raw === "true" } : { problem: "must be true or false" };
    if (kind === "nullable" && raw === "null") return { value: null };
    const value: unknown = JSON.parse(raw);
    return typeof value === "string" ? { value } : { problem: kind === "nullable" ? "must be a string or null" : "must be a string" };
  }
  if (kind === "integer") return !cell.quoted && INTEGER.test(cell.text) ? { value: BigInt(cell.text) } : { problem: "must be a bare integer" };
  if (kind === "boolean") return !cell.quoted && /^(true|false)$/.test(cell.text) ? { value: cell.text === "true" } : { problem: "must be true or false" };
  if (cell.quoted) return { value: cell.text };
  if (kind === "nullable" && cell.text === "") return { value: null };
  return { problem: kind === "nullable" ? "must be quoted text or an empty bare cell (null)" : "must be quoted text" };
}

export function rowFromCells(cells: Cell[], where: string): ExportRow {
  if (cells.length !== EXPORT_COLUMNS.length) {
    throw describe(where, cells, "count", `is ${cells.length}, expected ${EXPORT_COLUMNS.length} columns`);
  }
  const row: Record<string, unknown> = {};
  EXPORT_COLUMNS.forEach(([name, kind], index) => {
    const converted = convert(kind, cells[index]!);
    if ("problem" in converted) throw describe(where, cells, name, converted.problem);
    row[name] = converted.value;
  });
  return row as ExportRow;
}
