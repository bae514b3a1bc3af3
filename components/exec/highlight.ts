// Splits each line of code into plain and highlighted segments from the analyser's operations
// (1-based lines, 0-based columns, end exclusive), so the viewer renders text nodes only: the
// code is untrusted and never becomes markup. Where operations overlap, the first (in source
// order) colours the text; all of them are listed beside the code.
import type { Operation } from "@/lib/exec/types";

export type Segment = { text: string; op: number | null };

/** The columns [start, end) of `line` (1-based) that operation `op` covers, or null. */
function span(op: Operation, line: number, length: number): [number, number] | null {
  if (line < op.line || line > op.end_line) return null;
  const start = line === op.line ? Math.max(0, op.column) : 0;
  const end = line === op.end_line ? Math.min(length, op.end_column) : length;
  return end > start ? [start, end] : null;
}

export function highlightLine(text: string, line: number, operations: Operation[]): Segment[] {
  const owner: (number | null)[] = Array.from({ length: text.length }, () => null);
  operations.forEach((op, index) => {
    const covered = span(op, line, text.length);
    if (!covered) return;
    for (let i = covered[0]; i < covered[1]; i++) owner[i] ??= index;
  });
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = segments.at(-1);
    if (last && last.op === owner[i]) last.text += text[i];
    else segments.push({ text: text[i]!, op: owner[i] ?? null });
  }
  return segments;
}

export const splitLines = (code: string): string[] => code.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");

/** "import ×3 · process ×1" (kinds in the order the counts hold them). */
export function summarizeCounts(counts: Partial<Record<string, number>>): string {
  const parts = Object.entries(counts).map(([kind, n]) => `${kind} ×${n}`);
  return parts.length ? parts.join(" · ") : "no operations";
}
