import type { CodeRunResult } from "@/lib/exec/code-run-view";

/** "ok 1.2 s", "error (exit 2) 0.4 s", "killed: time", or "—" before the executor reports. */
export function formatResult(result: CodeRunResult | null): string {
  if (!result) return "—";
  if (result.status === "killed") return `killed: ${result.killed_by ?? "other"}`;
  const seconds = result.duration_ms === null ? "" : ` ${(result.duration_ms / 1000).toFixed(1)} s`;
  const exit = result.status === "error" && result.exit_code !== null ? ` (exit ${result.exit_code})` : "";
  return `${result.status}${exit}${seconds}`;
}
