// Reads an export's CSV back into rows, incrementally (chunks of text in, rows out), keeping the
// distinction the encoder makes: a bare empty cell is null, a quoted cell is text.
import { EXPORT_COLUMNS, type ExportRow } from "./columns";
import { rowFromCells, ExportFormatError, type CsvCell } from "./row-from-cells";

type State = "start" | "bare" | "quoted" | "quote" | "after";

export class CsvRowReader {
  private state: State = "start";
  private text = "";
  private cells: CsvCell[] = [];
  private record = 0;
  private pendingCr = false;

  constructor(private readonly onRow: (row: ExportRow, line: number) => void) {}

  write(chunk: string): void {
    for (const ch of chunk) this.step(ch);
  }

  end(rest = ""): void {
    this.write(rest);
    if (this.state === "quoted") throw new ExportFormatError(`CSV record ${this.record + 1}: a quoted cell is never closed`);
    if (this.state === "quote") this.state = "after";
    if (this.state !== "start" || this.cells.length > 0) this.endRecord();
  }

  private step(ch: string): void {
    if (this.pendingCr) {
      this.pendingCr = false;
      if (ch === "\n") return;
    }
    switch (this.state) {
      case "quoted":
        if (ch === '"') this.state = "quote";
        else this.text += ch;
        return;
      case "quote":
        if (ch === '"') {
          this.text += '"';
          this.state = "quoted";
          return;
        }
        this.state = "after";
        return this.step(ch);
      case "start":
        if (ch === '"') {
          this.state = "quoted";
          return;
        }
        this.state = "bare";
        return this.step(ch);
      case "bare":
      case "after":
        if (ch === ",") return this.endCell();
        if (ch === "\r" || ch === "\n") {
          this.pendingCr = ch === "\r";
          return this.endRecord();
        }
        if (this.state === "after") throw new ExportFormatError(`CSV record ${this.record + 1}: text after a closing quote`);
        if (ch === '"') throw new ExportFormatError(`CSV record ${this.record + 1}: a quote inside a bare cell`);
        this.text += ch;
    }
  }

  private endCell(): void {
    this.cells.push({ text: this.text, quoted: this.state === "after" });
    this.text = "";
    this.state = "start";
  }

  private endRecord(): void {
    this.endCell();
    const cells = this.cells;
    this.cells = [];
    this.record += 1;
    if (this.record === 1) return checkHeader(cells);
    this.onRow(rowFromCells(cells, `CSV record ${this.record}`), this.record);
  }
}

function checkHeader(cells: CsvCell[]): void {
  const expected = EXPORT_COLUMNS.map(([name]) => name).join(",");
  const got = cells.map((c) => c.text).join(",");
  if (got !== expected || cells.some((c) => c.quoted)) {
    throw new ExportFormatError(`CSV header is not an audit export's: expected ${expected}`);
  }
}
