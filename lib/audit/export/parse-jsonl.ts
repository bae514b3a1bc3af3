// Reads an export's JSON Lines back into rows, incrementally, keeping each value's raw text
// (details verbatim, integers exact).
import { EXPORT_COLUMNS, type ExportRow } from "./columns";
import { objectMembers } from "./json-members";
import { ExportFormatError, rowFromCells, type Cell } from "./row-from-cells";

export class JsonlRowReader {
  private buffered = "";
  private line = 0;

  constructor(private readonly onRow: (row: ExportRow, line: number) => void) {}

  write(chunk: string): void {
    const lines = (this.buffered + chunk).split("\n");
    this.buffered = lines.pop()!;
    for (const line of lines) this.readLine(line);
  }

  end(rest = ""): void {
    this.buffered += rest;
    if (this.buffered !== "") this.readLine(this.buffered);
    this.buffered = "";
  }

  private readLine(text: string): void {
    this.line += 1;
    const where = `JSON Lines line ${this.line}`;
    let members: Map<string, string>;
    try {
      members = objectMembers(text);
    } catch (error) {
      throw new ExportFormatError(`${where}: not a JSON object (${(error as Error).message})`);
    }
    const unknown = [...members.keys()].find((key) => !EXPORT_COLUMNS.some(([name]) => name === key));
    if (unknown !== undefined) throw new ExportFormatError(`${where}: unknown key "${unknown}"`);
    const cells: Cell[] = EXPORT_COLUMNS.map(([name]) => {
      const json = members.get(name);
      if (json === undefined) throw new ExportFormatError(`${where}: missing key "${name}"`);
      return { json };
    });
    this.onRow(rowFromCells(cells, where), this.line);
  }
}
