// The code-execution gate's shared vocabulary: what the analyser finds in code (canonical
// operations, the same whatever the syntax that expressed them), what the policy decides from
// them, and what the sandbox is told to apply.
import { z } from "zod";

export const CODE_LANGUAGES = ["python", "bash", "javascript"] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/**
 * - import: a module loaded (`target` = its canonical name: `os.path`, `subprocess`, `node:fs` → `fs`);
 * - process: another program started (subprocess.*, os.system/popen/exec*, child_process, a bash
 *   command substitution or external command);
 * - file_read / file_write: a file opened, read, written or removed (`target` = the path when it
 *   is a literal, else null);
 * - network: a connection or request (`target` = the host when literal, else null);
 * - env: environment variables or secrets read (`target` = the variable when literal);
 * - dynamic_code: code built or run at run time (eval, exec, compile, __import__, importlib,
 *   Function, vm, bash eval/source);
 * - obfuscation: a construct whose purpose is to hide intent (getattr on a module or builtins
 *   with a computed name, base64-decoded code executed, string-built imports, `$(echo … | base64 -d)`).
 */
export const OPERATION_KINDS = ["import", "process", "file_read", "file_write", "network", "env", "dynamic_code", "obfuscation"] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export type Operation = {
  kind: OperationKind;
  /** Module, path, host or variable when the code names it literally; null when it is computed. */
  target: string | null;
  /** The construct as written, e.g. "subprocess.run", "open", "curl", "__import__". */
  call: string;
  /** 1-based line and 0-based column of the construct's start and end (for highlighting). */
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  /** One sentence for reviewers: "subprocess.run starts a process". */
  detail: string;
};

export type ParseError = { line: number; column: number; message: string };

export type Analysis = {
  language: CodeLanguage;
  /** False when the parser found syntax errors: the code is then not "safe", see on_parse_error. */
  parsed: boolean;
  parse_errors: ParseError[];
  /** In source order. */
  operations: Operation[];
  size_bytes: number;
  lines: number;
};

/** What the sandbox must apply, returned with a CONSTRAIN decision (and with any other allowed one). */
export const RuntimeConstraintsSchema = z.strictObject({
  time_limit_s: z.number().int().min(1).max(86_400).optional(),
  memory_mb: z.number().int().min(1).max(1_048_576).optional(),
  network: z.boolean().optional(),
  writable_paths: z.array(z.string().min(1).max(500)).max(100).optional(),
});
export type RuntimeConstraints = z.infer<typeof RuntimeConstraintsSchema>;
