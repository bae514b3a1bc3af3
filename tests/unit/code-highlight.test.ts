import { describe, expect, it } from "vitest";
import { highlightLine, splitLines, summarizeCounts } from "@/components/exec/highlight";
import type { Operation } from "@/lib/exec/types";

const op = (kind: Operation["kind"], line: number, column: number, end_line: number, end_column: number): Operation => ({
  kind, target: null, call: kind, line, column, end_line, end_column, detail: `${kind} here`,
});

describe("highlightLine", () => {
  it("marks the columns an operation covers on its line and leaves the rest plain", () => {
    expect(highlightLine("x = os.system('ls')", 1, [op("process", 1, 4, 1, 19)])).toEqual([
      { text: "x = ", op: null },
      { text: "os.system('ls')", op: 0 },
    ]);
  });

  it("marks a multi-line operation from its start column, whole middle lines, and up to its end column", () => {
    const ops = [op("dynamic_code", 1, 2, 3, 1)];
    expect(highlightLine("a(b", 1, ops)).toEqual([{ text: "a(", op: null }, { text: "b", op: 0 }]);
    expect(highlightLine("cd", 2, ops)).toEqual([{ text: "cd", op: 0 }]);
    expect(highlightLine(")e", 3, ops)).toEqual([{ text: ")", op: 0 }, { text: "e", op: null }]);
    expect(highlightLine("zz", 4, ops)).toEqual([{ text: "zz", op: null }]);
  });

  it("gives overlapping text to the first operation in source order", () => {
    expect(highlightLine("__import__('os')", 1, [op("dynamic_code", 1, 0, 1, 16), op("import", 1, 11, 1, 15)])).toEqual([{ text: "__import__('os')", op: 0 }]);
  });

  it("clips columns beyond the line instead of inventing text", () => {
    expect(highlightLine("ab", 1, [op("env", 1, 1, 1, 99)])).toEqual([{ text: "a", op: null }, { text: "b", op: 0 }]);
  });
});

describe("splitLines and summarizeCounts", () => {
  it("splits CRLF and LF code into lines without a trailing empty one", () => {
    expect(splitLines("a\r\nb\nc\n")).toEqual(["a", "b", "c"]);
  });

  it("summarizes operation counts as 'kind ×n' joined by middle dots", () => {
    expect(summarizeCounts({ import: 3, process: 1 })).toBe("import ×3 · process ×1");
    expect(summarizeCounts({})).toBe("no operations");
  });
});
