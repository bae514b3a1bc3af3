// Agents send broken code too: whatever the input, analyzeCode returns an analysis, never throws.
// Property-based over the corpus: truncations and random insertions of each snippet.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeCode } from "@/lib/exec/analyze-code";
import { CODE_LANGUAGES } from "@/lib/exec/types";

const CORPUS = path.join(import.meta.dirname, "..", "exec-corpus");

describe.each(CODE_LANGUAGES)("analyzeCode on mangled %s", (language) => {
  const snippets = readdirSync(path.join(CORPUS, language)).map((name) => readFileSync(path.join(CORPUS, language, name), "utf8"));
  const syntax = fc.constantFrom("(", ")", "[", "]", "{", "}", ":", "'", '"', "`", "$(", "\n", "    ", "import ", "= ", "|", ";", "\\", "#", "*", "@");

  it("returns an analysis for any truncation with any junk inserted, with positions inside the code", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...snippets), fc.nat(), fc.nat(), fc.array(syntax, { maxLength: 6 }), async (snippet, cut, at, junk) => {
        const truncated = snippet.slice(0, cut % (snippet.length + 1));
        const where = at % (truncated.length + 1);
        const code = truncated.slice(0, where) + junk.join("") + truncated.slice(where);
        const analysis = await analyzeCode(language, code);
        expect(analysis.operations.every((op) => op.line >= 1 && op.line <= analysis.lines + 1)).toBe(true);
        expect(analysis.parsed).toBe(analysis.parse_errors.length === 0);
      }),
      { numRuns: 150 },
    );
  });

  it("returns an analysis for arbitrary Unicode text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (code) => {
        expect((await analyzeCode(language, code)).language).toBe(language);
      }),
      { numRuns: 100 },
    );
  });
});
