// The builder's code-execution section: the `code` rules (lib/exec/code-rules-schema.ts) as the
// inputs hold them, and back. Empty inputs leave their field out.
import type { CodeRules } from "@/lib/exec/code-rules-schema";
import type { CodeLanguage, OperationKind } from "@/lib/exec/types";
import type { PolicyDocument } from "@/lib/policies/schemas";
import { compact, list, optionalList, optionalNumber, text, type Json } from "./form-text";

export const CODE_LISTS = ["allowed_modules", "denied_modules", "read_paths", "write_paths", "network_hosts"] as const;
/** What a violation of each kind gets, with the schema's default when the select is left on it. */
export const CODE_EFFECTS = { on_violation: "BLOCK", on_unknown_target: "ESCALATE", on_obfuscation: "BLOCK", on_parse_error: "BLOCK" } as const;
export type CodeForm = Record<(typeof CODE_LISTS)[number], string> &
  Record<keyof typeof CODE_EFFECTS, "BLOCK" | "ESCALATE"> & {
    languages: CodeLanguage[];
    max_code_bytes: string;
    /** undefined: any operation; a list (even empty): only those. */
    allowedOperations: OperationKind[] | undefined;
    deniedOperations: OperationKind[];
    timeLimit: string;
    memory: string;
    network: "" | "on" | "off";
    writablePaths: string;
  };

export function codeToForm(code: PolicyDocument["code"]): CodeForm {
  const c: Partial<CodeRules> = code ?? {};
  const runtime = c.runtime ?? {};
  return {
    languages: c.languages ?? [],
    max_code_bytes: text(c.max_code_bytes),
    ...(Object.fromEntries(CODE_LISTS.map((field) => [field, list(c[field])])) as Record<(typeof CODE_LISTS)[number], string>),
    allowedOperations: c.allowed_operations,
    deniedOperations: c.denied_operations ?? [],
    on_violation: c.on_violation ?? CODE_EFFECTS.on_violation,
    on_unknown_target: c.on_unknown_target ?? CODE_EFFECTS.on_unknown_target,
    on_obfuscation: c.on_obfuscation ?? CODE_EFFECTS.on_obfuscation,
    on_parse_error: c.on_parse_error ?? CODE_EFFECTS.on_parse_error,
    timeLimit: text(runtime.time_limit_s),
    memory: text(runtime.memory_mb),
    network: runtime.network === undefined ? "" : runtime.network ? "on" : "off",
    writablePaths: list(runtime.writable_paths),
  };
}

export function codeToJson(c: CodeForm): Json {
  const rules =
    compact({
      languages: c.languages,
      max_code_bytes: optionalNumber(c.max_code_bytes),
      ...Object.fromEntries(CODE_LISTS.map((field) => [field, optionalList(c[field])])),
      denied_operations: c.deniedOperations,
      on_violation: c.on_violation,
      on_unknown_target: c.on_unknown_target,
      on_obfuscation: c.on_obfuscation,
      on_parse_error: c.on_parse_error,
      runtime: compact({
        time_limit_s: optionalNumber(c.timeLimit),
        memory_mb: optionalNumber(c.memory),
        network: c.network === "" ? undefined : c.network === "on",
        writable_paths: optionalList(c.writablePaths),
      }),
    }) ?? {};
  // An empty list is meaningful here (no operation is allowed), so it is kept.
  return c.allowedOperations ? { ...rules, allowed_operations: c.allowedOperations } : rules;
}
