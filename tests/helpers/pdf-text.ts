// Reads a PDF's text back with pdf.js, as a reader would see it: one string per visual line
// (text items on the same baseline joined left to right, " | " between items set apart, such as
// table cells),
// page by page.
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const STANDARD_FONTS = `${path.join(ROOT, "node_modules/pdfjs-dist/standard_fonts")}/`;

type Item = { str: string; transform: number[]; width: number };

export async function pdfLines(data: Uint8Array): Promise<{ pages: number; lines: string[] }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(data), standardFontDataUrl: STANDARD_FONTS, verbosity: 0 }).promise;
  const lines: string[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const content = await page.getTextContent();
    const rows = new Map<number, Item[]>();
    for (const item of content.items as Item[]) {
      if (!("str" in item) || item.str.trim() === "") continue;
      const y = Math.round(item.transform[5]!);
      rows.set(y, [...(rows.get(y) ?? []), item]);
    }
    for (const y of [...rows.keys()].sort((a, b) => b - a)) {
      const items = rows.get(y)!.sort((a, b) => a.transform[4]! - b.transform[4]!);
      let text = "";
      let end = -Infinity;
      for (const item of items) {
        // Items further apart than a few points are separate cells; closer ones are one phrase.
        const gap = item.transform[4]! - end;
        text += !text ? item.str : gap > 6 ? ` | ${item.str.trim()}` : gap > 1.5 ? ` ${item.str}` : item.str;
        end = item.transform[4]! + item.width;
      }
      lines.push(text.trim().replace(/ {2,}/g, " "));
    }
  }
  await pdf.destroy();
  return { pages: pdf.numPages, lines };
}

/** All of the PDF's text in one string, lines separated by newlines. */
export async function pdfText(data: Uint8Array): Promise<string> {
  return (await pdfLines(data)).lines.join("\n");
}
