// analyzeCode's contract whatever the language: positions, parse errors, size limits, bad input.
import { describe, expect, it } from "vitest";
import { analyzeCode, MAX_CODE_BYTES } from "@/lib/exec/analyze-code";
import { MAX_OPERATIONS } from "@/lib/exec/operation-list";
import type { CodeLanguage } from "@/lib/exec/types";

describe("analyzeCode", () => {
  it("reports 1-based lines and 0-based columns spanning the construct", async () => {
    const analysis = await analyzeCode("python", "import json\n\nx = 1;   eval('1')\n");
    expect(analysis.operations.find((op) => op.kind === "dynamic_code")).toMatchObject({ call: "eval", line: 3, column: 9, end_line: 3, end_column: 18 });
    expect(analysis).toMatchObject({ language: "python", parsed: true, parse_errors: [], size_bytes: 32, lines: 3 });
  });

  it("counts columns in characters (JavaScript string indexes), not UTF-8 bytes", async () => {
    const [op] = (await analyzeCode("python", "s = 'éé'; eval(x)\n")).operations;
    expect(op).toMatchObject({ column: 10, end_column: 17 });
  });

  it("lists operations in source order", async () => {
    const { operations } = await analyzeCode("bash", "rm out/a\ncurl https://x.io\ncat data/b\n");
    expect(operations.map((op) => op.kind)).toEqual(["file_write", "network", "file_read"]);
  });

  it.each<[CodeLanguage, string, number]>([
    ["python", "import os\ndef f(:\n    pass\nos.system('id')\n", 2],
    ["bash", "cat data/x\nif true; then\n  rm out/y\n", 4],
    ["javascript", "const fs = require('fs');\nfunction f( {\n}\nfs.unlinkSync('x');\n", 2],
  ])("marks %s with a syntax error as not parsed, with its position, and still analyses the rest", async (language, code, errorLine) => {
    const analysis = await analyzeCode(language, code);
    expect(analysis.parsed).toBe(false);
    expect(analysis.parse_errors[0]).toMatchObject({ line: errorLine, message: expect.stringMatching(/syntax error|missing/) });
    expect(analysis.operations.length).toBeGreaterThan(0);
  });

  it("analyses 1 MiB of code and caps the operations it collects", async () => {
    const line = "subprocess.run(['ls'])\n";
    const code = `import subprocess\n${line.repeat(Math.floor((MAX_CODE_BYTES - 100) / line.length))}`;
    const analysis = await analyzeCode("python", code);
    expect(analysis.parsed).toBe(true);
    expect(analysis.operations).toHaveLength(MAX_OPERATIONS);
  }, 120_000); // a generous ceiling on a shared machine, not a timing assertion

  it("analyses deeply nested code without overflowing the stack", async () => {
    const analysis = await analyzeCode("javascript", `${"[".repeat(5000)}eval(x)${"]".repeat(5000)}`);
    expect(analysis.operations.map((op) => op.kind)).toEqual(["dynamic_code"]);
  });

  it("refuses code over 1 MiB with a RangeError naming the limit", async () => {
    await expect(analyzeCode("bash", "x".repeat(MAX_CODE_BYTES + 1))).rejects.toThrow(/at most 1048576 bytes \(1 MiB\)/);
  });

  it("refuses an unknown language with a TypeError listing the supported ones", async () => {
    await expect(analyzeCode("ruby" as CodeLanguage, "puts 1")).rejects.toThrow('unsupported language "ruby": expected one of python, bash, javascript');
  });

  it("analyses empty code as parsed with no operations", async () => {
    expect(await analyzeCode("python", "")).toMatchObject({ parsed: true, operations: [], size_bytes: 0, lines: 0 });
  });

  it("counts size in UTF-8 bytes", async () => {
    expect((await analyzeCode("python", "s = 'é'\n")).size_bytes).toBe(9);
  });
});
