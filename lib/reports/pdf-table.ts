// Tables for pdfkit: wrapped cells, a header row repeated on every page the table continues on.
// pdfkit's standard fonts cover Windows-1252 only, so text is reduced to it first.

type Doc = PDFKit.PDFDocument;

export type Column = { header: string; width: number; align?: "left" | "right" };

const PAD = 4;
const MAX_CELL_CHARS = 400;
const FONT_SIZE = 8;
// The characters Windows-1252 adds to Latin-1 in 0x80–0x9F.
const WIN_ANSI_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

/** Replaces what the standard fonts cannot draw with "?" and drops control characters. */
export function pdfText(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === "\n") out += char;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += " ";
    else if (code <= 0xff || WIN_ANSI_EXTRAS.includes(char)) out += char;
    else out += "?";
  }
  return out.length > MAX_CELL_CHARS ? `${out.slice(0, MAX_CELL_CHARS - 1)}…` : out;
}

const bottomOf = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points fit below the cursor. */
export function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

function rowHeight(doc: Doc, columns: Column[], cells: string[]): number {
  const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 2 * PAD }));
  return Math.max(...heights) + 2 * PAD;
}

function drawRow(doc: Doc, columns: Column[], cells: string[], options: { isHeader: boolean; shade: boolean }) {
  const left = doc.page.margins.left;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  doc.font(options.isHeader ? "Helvetica-Bold" : "Helvetica").fontSize(FONT_SIZE);
  const height = rowHeight(doc, columns, cells);
  if (doc.y + height > bottomOf(doc)) return false;
  const top = doc.y;
  if (options.isHeader || options.shade) {
    doc.save().rect(left, top, width, height).fill(options.isHeader ? "#e2e8f0" : "#f8fafc").restore();
  }
  let x = left;
  cells.forEach((cell, i) => {
    const column = columns[i]!;
    doc.fillColor("#0f172a").text(cell, x + PAD, top + PAD, { width: column.width - 2 * PAD, align: column.align ?? "left", lineBreak: true });
    x += column.width;
  });
  doc.moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(0.5).strokeColor("#cbd5e1").stroke();
  doc.x = left;
  doc.y = top + height;
  return true;
}

/** Draws the table from the cursor; an empty table prints `emptyText` instead. */
export function drawTable(doc: Doc, columns: Column[], rows: string[][], emptyText: string) {
  if (rows.length === 0) {
    doc.font("Helvetica-Oblique").fontSize(9).fillColor("#475569").text(pdfText(emptyText));
    doc.moveDown(0.5);
    return;
  }
  const header = columns.map((c) => pdfText(c.header));
  // A short table moves whole to the next page rather than leave a few rows behind.
  ensureSpace(doc, Math.min(rows.length + 1, 8) * 16 + 8);
  drawRow(doc, columns, header, { isHeader: true, shade: false });
  rows.forEach((row, index) => {
    const cells = row.map(pdfText);
    const options = { isHeader: false, shade: index % 2 === 1 };
    if (drawRow(doc, columns, cells, options)) return;
    doc.addPage();
    drawRow(doc, columns, header, { isHeader: true, shade: false });
    drawRow(doc, columns, cells, options);
  });
  doc.moveDown(0.5);
}

/** Column widths from relative weights, filling the page's text width. */
export function columnsFor(doc: Doc, spec: { header: string; weight: number; align?: "left" | "right" }[]): Column[] {
  const available = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = spec.reduce((sum, c) => sum + c.weight, 0);
  return spec.map((c) => ({ header: c.header, width: (available * c.weight) / total, align: c.align }));
}
