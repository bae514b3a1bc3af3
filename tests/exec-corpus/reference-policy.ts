// The corpus's REFERENCE policy, as a small pure function so the corpus can assert decisions
// before the gate's policy engine exists (the gate re-checks these decisions through it):
// imports limited to data-processing modules, reads under data/, writes under out/, no network,
// processes or environment, dynamic code, obfuscation and unparsable code blocked.
import type { Analysis, Operation } from "@/lib/exec/types";

export type ReferenceDecision = "ALLOW" | "ESCALATE" | "BLOCK";

export const REFERENCE_ALLOWED_MODULES = new Set([
  "json", "math", "re", "datetime", "csv", "pandas", "numpy", "statistics", "collections", "itertools", "functools", "typing", "dataclasses", "pathlib",
  "fs", "path",
]);

const BLOCKED_KINDS = new Set<Operation["kind"]>(["network", "process", "env", "dynamic_code", "obfuscation"]);

/** "./data/x.csv" → "data/x.csv"; null for a path that climbs out of the working directory. */
function workspacePath(target: string | null): string | null {
  if (target === null || target.startsWith("/") || target.split("/").includes("..")) return null;
  return target.replace(/^(\.\/)+/, "");
}

function within(target: string | null, folder: string): boolean {
  const path = workspacePath(target);
  return path !== null && (path === folder || path.startsWith(`${folder}/`));
}

/** Why an operation needs a reviewer under the reference policy, or null when it is allowed. */
function escalates(op: Operation): boolean {
  if (op.kind === "import") return op.target === null || !REFERENCE_ALLOWED_MODULES.has(op.target);
  if (op.kind === "file_read") return !within(op.target, "data");
  if (op.kind === "file_write") return !within(op.target, "out");
  return false;
}

export function referenceDecision(analysis: Analysis): ReferenceDecision {
  if (!analysis.parsed || analysis.operations.some((op) => BLOCKED_KINDS.has(op.kind))) return "BLOCK";
  return analysis.operations.some(escalates) ? "ESCALATE" : "ALLOW";
}
