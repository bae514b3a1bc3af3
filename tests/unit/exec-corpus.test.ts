// The analyser against the real-world corpus (tests/exec-corpus/): each snippet's decision under
// the corpus's reference policy must be right, and the operations found are scored against the
// expected ones over (snippet, kind, target) triples. The thresholds are what the analyser
// measured when the corpus was written, rounded down: a regression makes this file fail.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeCode } from "@/lib/exec/analyze-code";
import type { Analysis, CodeLanguage, OperationKind } from "@/lib/exec/types";
import { referenceDecision, type ReferenceDecision } from "../exec-corpus/reference-policy";

type Expected = { decision: ReferenceDecision; operations: { kind: OperationKind; target: string | null; line?: number }[] };

const CORPUS = path.join(import.meta.dirname, "..", "exec-corpus");
const EXPECTED = JSON.parse(readFileSync(path.join(CORPUS, "expected.json"), "utf8")) as Record<string, Expected>;
// Measured: 1.000 and 1.000 over 237 (snippet, kind, target) triples in 93 snippets.
const MIN_PRECISION = 1;
const MIN_RECALL = 1;

const languageOf = (file: string) => file.split("/")[0] as CodeLanguage;
const triple = (op: { kind: string; target: string | null }) => `${op.kind} ${op.target ?? "<computed>"}`;
const analyses = new Map<string, Analysis>();

beforeAll(async () => {
  for (const file of Object.keys(EXPECTED)) analyses.set(file, await analyzeCode(languageOf(file), readFileSync(path.join(CORPUS, file), "utf8")));
});

describe.each(Object.entries(EXPECTED))("%s", (file, expected) => {
  it(`is decided ${expected.decision} under the reference policy`, () => {
    expect(referenceDecision(analyses.get(file)!)).toBe(expected.decision);
  });

  it("finds exactly the expected operations, at their lines where given", () => {
    const analysis = analyses.get(file)!;
    const found = new Set(analysis.operations.map(triple));
    const wanted = new Set(expected.operations.map(triple));
    expect([...found].sort()).toEqual([...wanted].sort());
    for (const op of expected.operations.filter((o) => o.line !== undefined && found.has(triple(o)))) {
      expect(analysis.operations.some((o) => triple(o) === triple(op) && o.line === op.line), `${triple(op)} at line ${op.line}`).toBe(true);
    }
  });
});

describe("the corpus as a whole", () => {
  it("has at least 30 Python, 15 bash and 15 JavaScript snippets, 3 of them unparsable", () => {
    const files = Object.keys(EXPECTED);
    expect(files.filter((f) => languageOf(f) === "python").length).toBeGreaterThanOrEqual(30);
    expect(files.filter((f) => languageOf(f) === "bash").length).toBeGreaterThanOrEqual(15);
    expect(files.filter((f) => languageOf(f) === "javascript").length).toBeGreaterThanOrEqual(15);
    expect([...analyses.values()].filter((a) => !a.parsed).length).toBeGreaterThanOrEqual(3);
  });

  it(`scores operations precision ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL} over (snippet, kind, target)`, () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let decisionsRight = 0;
    for (const [file, expected] of Object.entries(EXPECTED)) {
      const analysis = analyses.get(file)!;
      const found = new Set(analysis.operations.map(triple));
      const wanted = new Set(expected.operations.map(triple));
      tp += [...wanted].filter((t) => found.has(t)).length;
      fn += [...wanted].filter((t) => !found.has(t)).length;
      fp += [...found].filter((t) => !wanted.has(t)).length;
      if (referenceDecision(analysis) === expected.decision) decisionsRight++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const total = Object.keys(EXPECTED).length;
    console.log(`exec corpus: ${total} snippets, operations precision ${precision.toFixed(3)} recall ${recall.toFixed(3)}, decisions ${decisionsRight}/${total}`);
    expect(precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });
});
