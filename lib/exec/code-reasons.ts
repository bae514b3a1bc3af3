// A policy's `code` section against what the analyser found: one reason per violation, naming
// the operation and its line ("subprocess.run starts a process (line 4): …"), so a reviewer or
// the agent's developer sees exactly what to change. Pure: no database, no clock.
import path from "node:path";
import picomatch from "picomatch";
import type { Effect } from "@/lib/policies/schemas";
import type { CodeRules } from "./code-rules-schema";
import type { Analysis, Operation, RuntimeConstraints } from "./types";

export type CodeReason = { code: string; message: string; rule_id: string; effect: Effect; line?: number };

/** `os.path` is within `os`; `lodash/fp` within `lodash`. */
export const withinModule = (name: string, listed: string) => name === listed || name.startsWith(`${listed}.`) || name.startsWith(`${listed}/`);

/** `./data/x.csv` and `data/x.csv` are the same file; `data/../etc` is `etc`. */
const normalisePath = (p: string) => path.posix.normalize(p).replace(/^\.\//, "");

function pathMatcher(globs: string[]) {
  const matchers = globs.map((g) => picomatch(normalisePath(g), { dot: true }));
  return (target: string) => {
    const normal = normalisePath(target);
    return !normal.startsWith("../") && normal !== ".." && matchers.some((m) => m(normal));
  };
}

const hostMatches = (host: string, pattern: string) => {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  return p.startsWith("*.") ? h.endsWith(p.slice(1)) : h === p;
};

const at = (op: Operation) => `${op.detail} (line ${op.line})`;

/** The `code` rules' verdicts on one analysed snippet (empty: no violation). */
export function codeReasons(rules: CodeRules, analysis: Analysis): CodeReason[] {
  const reasons: CodeReason[] = [];
  const add = (code: string, effect: Effect, field: string, message: string, line?: number) =>
    reasons.push({ code, effect, rule_id: `code.${field}`, message, ...(line !== undefined ? { line } : {}) });
  const violation = rules.on_violation;
  if (rules.languages && !rules.languages.includes(analysis.language)) {
    add("LANGUAGE_NOT_ALLOWED", violation, "languages", `${analysis.language} is not an allowed language (${rules.languages.join(", ")})`);
  }
  if (rules.max_code_bytes !== undefined && analysis.size_bytes > rules.max_code_bytes) {
    add("CODE_TOO_LARGE", violation, "max_code_bytes", `The code is ${analysis.size_bytes} bytes, above the limit of ${rules.max_code_bytes}`);
  }
  if (!analysis.parsed) {
    const first = analysis.parse_errors[0];
    add("UNPARSEABLE_CODE", rules.on_parse_error, "on_parse_error", first ? `The code does not parse: ${first.message} (line ${first.line})` : "The code does not parse", first?.line);
  }
  const canRead = rules.read_paths && pathMatcher(rules.read_paths);
  const canWrite = rules.write_paths && pathMatcher(rules.write_paths);
  const unknown = (op: Operation, field: string, what: string) =>
    add("UNKNOWN_TARGET", rules.on_unknown_target, field, `${at(op)}: the ${what} is computed, so it cannot be checked against ${field}`, op.line);
  for (const op of analysis.operations) {
    if (op.kind === "obfuscation") {
      add("OBFUSCATED_CODE", rules.on_obfuscation, "on_obfuscation", `${at(op)}: code that hides its intent is not run unreviewed`, op.line);
      continue;
    }
    if (rules.denied_operations?.includes(op.kind)) add("OPERATION_DENIED", violation, "denied_operations", `${at(op)}: ${op.kind} operations are denied`, op.line);
    else if (rules.allowed_operations && !rules.allowed_operations.includes(op.kind)) {
      add("OPERATION_NOT_ALLOWED", violation, "allowed_operations", `${at(op)}: ${op.kind} is not an allowed operation`, op.line);
    }
    if (op.kind === "import") {
      const name = op.target;
      if (name === null) {
        if (rules.allowed_modules) unknown(op, "allowed_modules", "module");
      } else if (rules.denied_modules?.some((m) => withinModule(name, m))) {
        add("DENIED_MODULE", violation, "denied_modules", `${at(op)}: ${name} is a denied module`, op.line);
      } else if (rules.allowed_modules && !rules.allowed_modules.some((m) => withinModule(name, m))) {
        add("MODULE_NOT_ALLOWED", violation, "allowed_modules", `${at(op)}: ${name} is not an allowed module`, op.line);
      }
    } else if (op.kind === "file_read" && canRead) {
      if (op.target === null) unknown(op, "read_paths", "path");
      else if (!canRead(op.target)) add("READ_PATH_NOT_ALLOWED", violation, "read_paths", `${at(op)}: ${op.target} is outside read_paths`, op.line);
    } else if (op.kind === "file_write" && canWrite) {
      if (op.target === null) unknown(op, "write_paths", "path");
      else if (!canWrite(op.target)) add("WRITE_PATH_NOT_ALLOWED", violation, "write_paths", `${at(op)}: ${op.target} is outside write_paths`, op.line);
    } else if (op.kind === "network" && rules.network_hosts) {
      const host = op.target;
      if (host === null) unknown(op, "network_hosts", "host");
      else if (!rules.network_hosts.some((p) => hostMatches(host, p))) {
        add("NETWORK_HOST_NOT_ALLOWED", violation, "network_hosts", `${at(op)}: ${host} is not an allowed host`, op.line);
      }
    }
  }
  return reasons;
}

/** Several policies' sandbox limits together: the strictest of each. */
export function mergeRuntimes(runtimes: RuntimeConstraints[]): RuntimeConstraints | undefined {
  if (runtimes.length === 0) return undefined;
  const min = (values: (number | undefined)[]) => {
    const set = values.filter((v): v is number => v !== undefined);
    return set.length ? Math.min(...set) : undefined;
  };
  const networks = runtimes.map((r) => r.network).filter((n): n is boolean => n !== undefined);
  const pathLists = runtimes.map((r) => r.writable_paths).filter((p): p is string[] => p !== undefined);
  const time = min(runtimes.map((r) => r.time_limit_s));
  const memory = min(runtimes.map((r) => r.memory_mb));
  return {
    ...(time !== undefined ? { time_limit_s: time } : {}),
    ...(memory !== undefined ? { memory_mb: memory } : {}),
    ...(networks.length ? { network: networks.every(Boolean) } : {}),
    ...(pathLists.length ? { writable_paths: pathLists.reduce((a, b) => a.filter((p) => b.includes(p))) } : {}),
  };
}
