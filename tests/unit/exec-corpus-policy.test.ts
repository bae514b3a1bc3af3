// The analyser corpus's decisions (tests/exec-corpus/expected.json) re-checked through the real
// policy engine: its reference policy written as policy documents — one blocking the dangerous
// kinds of operation, one escalating imports, reads and writes outside its lists (the strictest
// decision of the two wins) — must decide every snippet as the corpus expects.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeCode } from "@/lib/exec/analyze-code";
import type { CodeLanguage } from "@/lib/exec/types";
import { compilePolicy, evaluateAction, NO_COUNTERS } from "@/lib/policies/evaluate-action";
import { PolicyDocumentSchema } from "@/lib/policies/schemas";
import { REFERENCE_ALLOWED_MODULES, type ReferenceDecision } from "../exec-corpus/reference-policy";

const CORPUS = path.join(import.meta.dirname, "..", "exec-corpus");
const EXPECTED = JSON.parse(readFileSync(path.join(CORPUS, "expected.json"), "utf8")) as Record<string, { decision: ReferenceDecision }>;

const REFERENCE_POLICIES = [
  { name: "no-dangerous-operations", default: "ALLOW", code: { denied_operations: ["network", "process", "env", "dynamic_code"], on_obfuscation: "BLOCK", on_parse_error: "BLOCK" } },
  {
    name: "review-outside-the-lists",
    default: "ALLOW",
    code: { allowed_modules: [...REFERENCE_ALLOWED_MODULES], read_paths: ["data/**"], write_paths: ["out/**"], on_violation: "ESCALATE", on_unknown_target: "ESCALATE" },
  },
].map((document, i) => compilePolicy(`pol_${i}`, 1, PolicyDocumentSchema.parse(document)));

async function decide(file: string) {
  const language = file.split("/")[0] as CodeLanguage;
  const analysis = await analyzeCode(language, readFileSync(path.join(CORPUS, file), "utf8"));
  const action = { kind: "code_execution" as const, tool: language, action: "execute", params: { language }, agentId: "executor", crews: [], analysis };
  return evaluateAction(REFERENCE_POLICIES, action, NO_COUNTERS, new Date());
}

describe("the analyser corpus through the policy engine", () => {
  it.each(Object.entries(EXPECTED))("decides %s as the corpus expects", async (file, expected) => {
    const result = await decide(file);
    expect(result.decision, JSON.stringify(result.reasons)).toBe(expected.decision);
  });
});
