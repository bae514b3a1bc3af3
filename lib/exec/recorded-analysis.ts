// The analysis a code receipt recorded (POST /api/v1/exec/evaluate), rebuilt so a policy draft
// can be replayed over past code executions. Receipts list at most 200 operations and no parse
// errors' text, so a replay of a longer snippet sees only its first 200 operations.
import { CODE_LANGUAGES, type Analysis, type CodeLanguage, type Operation } from "./types";

export function recordedAnalysis(details: Record<string, unknown>): Analysis | undefined {
  const params = (details.params ?? {}) as Record<string, unknown>;
  const language = details.language;
  if (typeof details.code_sha256 !== "string" || !(CODE_LANGUAGES as readonly unknown[]).includes(language) || !Array.isArray(details.operations)) return undefined;
  return {
    language: language as CodeLanguage,
    parsed: details.parsed !== false,
    parse_errors: [],
    operations: details.operations as Operation[],
    size_bytes: typeof params.size_bytes === "number" ? params.size_bytes : 0,
    lines: typeof params.lines === "number" ? params.lines : 0,
  };
}
