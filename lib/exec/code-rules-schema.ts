// The `code` section of a policy document: what the executing agent's code may do, checked
// against the operations the analyser finds (lib/exec/code-reasons.ts gives the verdicts).
import { z } from "zod";
import { CODE_LANGUAGES, OPERATION_KINDS, RuntimeConstraintsSchema } from "./types";

/** A module name as imported: `os`, `os.path`, `@scope/pkg`, `node:fs` is canonicalised to `fs` by the analyser. */
const ModuleName = z.string().regex(/^[@A-Za-z0-9_][@A-Za-z0-9_./-]{0,199}$/, "must be a module name like os, os.path or lodash");
const PathGlob = z.string().min(1).max(500);
const HostPattern = z.string().regex(/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, "must be a host like api.example.com or *.internal");
/** What a violation gets: never ALLOW, a violation is a reason to stop or to ask. */
const ViolationEffect = z.enum(["BLOCK", "ESCALATE"]);

export const CodeRulesSchema = z.strictObject({
  /** Languages the agent may run; absent: any. */
  languages: z.array(z.enum(CODE_LANGUAGES)).min(1).optional(),
  max_code_bytes: z.number().int().min(1).max(1_048_576).optional(),
  /** When set, any other import is MODULE_NOT_ALLOWED (a listed module allows its submodules). */
  allowed_modules: z.array(ModuleName).max(1000).optional(),
  /** DENIED_MODULE; `os` denies `os.path` too. */
  denied_modules: z.array(ModuleName).max(1000).optional(),
  /** When set, operations of other kinds are OPERATION_NOT_ALLOWED. */
  allowed_operations: z.array(z.enum(OPERATION_KINDS)).max(OPERATION_KINDS.length).optional(),
  denied_operations: z.array(z.enum(OPERATION_KINDS)).max(OPERATION_KINDS.length).optional(),
  /** Globs a file_read target must match (when set). */
  read_paths: z.array(PathGlob).max(200).optional(),
  /** Globs a file_write target must match (when set). */
  write_paths: z.array(PathGlob).max(200).optional(),
  /** Hosts a network target must be (`*.internal` matches any subdomain) (when set). */
  network_hosts: z.array(HostPattern).max(1000).optional(),
  /** What a violation of the rules above gets. */
  on_violation: ViolationEffect.default("BLOCK"),
  /** A file or network operation whose target is computed, when paths or hosts are restricted. */
  on_unknown_target: ViolationEffect.default("ESCALATE"),
  /** OBFUSCATED_CODE: obfuscation is never allowed. */
  on_obfuscation: ViolationEffect.default("BLOCK"),
  /** UNPARSEABLE_CODE: code that does not parse cannot be shown safe. */
  on_parse_error: ViolationEffect.default("BLOCK"),
  /** What the sandbox must apply when the code may run; with no violation the decision is CONSTRAIN. */
  runtime: RuntimeConstraintsSchema.optional(),
});
export type CodeRules = z.infer<typeof CodeRulesSchema>;
