// The code analyser alone, in-process: p50 / p99 of analyzeCode on a realistic ~200-line Python,
// bash and JavaScript program (the corpus's parsable snippets of that language, concatenated),
// after a warm-up. Run by `npm run bench` after the policy engine, or alone:
// `npx tsx bench/exec-analysis.ts`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { analyzeCode } from "@/lib/exec/analyze-code";
import { CODE_LANGUAGES, type CodeLanguage } from "@/lib/exec/types";

const CORPUS = fileURLToPath(new URL("../tests/exec-corpus", import.meta.url));
const TARGET_LINES = 200;

/** Whole corpus snippets (not the unparsable ones), in turn, until TARGET_LINES is reached. */
export function realisticProgram(language: CodeLanguage): string {
  const files = fs.readdirSync(path.join(CORPUS, language)).filter((name) => !name.includes("syntax-error")).sort();
  let program = "";
  for (let i = 0; program.split("\n").length < TARGET_LINES; i++) {
    program += `${fs.readFileSync(path.join(CORPUS, language, files[i % files.length]!), "utf8")}\n`;
  }
  return program;
}

export async function benchExecAnalysis(language: CodeLanguage, iterations = 300): Promise<{ lines: number; p50: number; p99: number; perSecond: number }> {
  const code = realisticProgram(language);
  for (let i = 0; i < 50; i++) await analyzeCode(language, code); // warm-up (WASM instantiation, JIT)
  const samples = new Float64Array(iterations);
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await analyzeCode(language, code);
    samples[i] = performance.now() - t;
  }
  const elapsed = performance.now() - started;
  samples.sort();
  return { lines: code.split("\n").length, p50: samples[Math.floor(iterations * 0.5)]!, p99: samples[Math.floor(iterations * 0.99)]!, perSecond: (iterations / elapsed) * 1000 };
}

export async function printExecBenchmark(): Promise<void> {
  for (const language of CODE_LANGUAGES) {
    const r = await benchExecAnalysis(language);
    console.log(
      `Code analyser (in-process, ${language}, ${r.lines} lines, 300 analyses): p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ` +
        `${Math.round(r.perSecond).toLocaleString("en-US")} evaluations/s`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await printExecBenchmark();
