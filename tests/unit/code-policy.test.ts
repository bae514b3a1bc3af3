// The policy engine on analysed code: each field of a policy's `code` section against
// hand-built analyses (the analyser itself is tested on its own corpus).
import { describe, expect, it } from "vitest";
import { compilePolicy, evaluateAction, NO_COUNTERS, type PolicyAction } from "@/lib/policies/evaluate-action";
import { PolicyDocumentSchema } from "@/lib/policies/schemas";
import type { Analysis, Operation, OperationKind } from "@/lib/exec/types";

const op = (kind: OperationKind, target: string | null, call: string, line: number, detail = `${call} does something`): Operation => ({
  kind,
  target,
  call,
  line,
  column: 0,
  end_line: line,
  end_column: 10,
  detail,
});

const analysis = (operations: Operation[], over: Partial<Analysis> = {}): Analysis => ({
  language: "python",
  parsed: true,
  parse_errors: [],
  operations,
  size_bytes: 100,
  lines: 5,
  ...over,
});

const codeAction = (a: Analysis, agentId = "executor"): PolicyAction => ({
  kind: "code_execution",
  tool: a.language,
  action: "execute",
  params: { language: a.language, size_bytes: a.size_bytes },
  agentId,
  crews: [],
  analysis: a,
});

const decide = (code: Record<string, unknown>, a: Analysis, extra: Record<string, unknown> = {}) =>
  evaluateAction([compilePolicy("pol_1", 1, PolicyDocumentSchema.parse({ name: "code", default: "ALLOW", code, ...extra }))], codeAction(a), NO_COUNTERS, new Date());

const SUBPROCESS = op("process", "echo", "subprocess.run", 4, "subprocess.run starts a process");

describe("a policy's code section", () => {
  it.each<[string, Record<string, unknown>, Analysis, string]>([
    ["languages", { languages: ["bash"] }, analysis([]), "LANGUAGE_NOT_ALLOWED"],
    ["max_code_bytes", { max_code_bytes: 50 }, analysis([]), "CODE_TOO_LARGE"],
    ["allowed_modules", { allowed_modules: ["json"] }, analysis([op("import", "pandas", "import", 1)]), "MODULE_NOT_ALLOWED"],
    ["denied_modules (a submodule of a denied module)", { denied_modules: ["os"] }, analysis([op("import", "os.path", "import", 2)]), "DENIED_MODULE"],
    ["allowed_operations", { allowed_operations: ["import"] }, analysis([op("env", "HOME", "os.environ", 3)]), "OPERATION_NOT_ALLOWED"],
    ["denied_operations", { denied_operations: ["process"] }, analysis([SUBPROCESS]), "OPERATION_DENIED"],
    ["read_paths", { read_paths: ["./data/**"] }, analysis([op("file_read", "/etc/passwd", "open", 2)]), "READ_PATH_NOT_ALLOWED"],
    ["read_paths (a path escaping the allowed folder)", { read_paths: ["./data/**"] }, analysis([op("file_read", "data/../../etc/passwd", "open", 2)]), "READ_PATH_NOT_ALLOWED"],
    ["write_paths", { write_paths: ["./out/**"] }, analysis([op("file_write", "./data/x.csv", "open", 2)]), "WRITE_PATH_NOT_ALLOWED"],
    ["network_hosts", { network_hosts: ["api.example.com", "*.internal"] }, analysis([op("network", "evil.example", "requests.get", 6)]), "NETWORK_HOST_NOT_ALLOWED"],
  ])("blocks a violation of %s with its reason code", (_field, code, a, reason) => {
    const result = decide(code, a);
    expect(result.decision).toBe("BLOCK");
    expect(result.reasons.map((r) => r.code)).toEqual([reason]);
  });

  it.each<[string, Record<string, unknown>, Operation]>([
    ["allowed_modules", { allowed_modules: ["json", "pandas"] }, op("import", "pandas.io", "import", 1)],
    ["read_paths", { read_paths: ["./data/**", "/tmp/**"] }, op("file_read", "data/2026/x.csv", "open", 1)],
    ["write_paths", { write_paths: ["./out/**"] }, op("file_write", "./out/report.txt", "open", 1)],
    ["network_hosts (a subdomain of *.internal)", { network_hosts: ["*.internal"] }, op("network", "db.eu.internal", "requests.get", 1)],
  ])("allows what %s lists", (_field, code, operation) => {
    expect(decide(code, analysis([operation])).decision).toBe("ALLOW");
  });

  it("names the operation and its line in the reason", () => {
    const [reason] = decide({ denied_operations: ["process"] }, analysis([SUBPROCESS])).reasons;
    expect(reason).toMatchObject({ code: "OPERATION_DENIED", rule_id: "code.denied_operations", line: 4 });
    expect(reason.message).toContain("subprocess.run starts a process (line 4)");
  });

  it("escalates violations instead when on_violation is ESCALATE", () => {
    expect(decide({ denied_operations: ["process"], on_violation: "ESCALATE" }, analysis([SUBPROCESS])).decision).toBe("ESCALATE");
  });

  it("escalates a file operation with a computed path when paths are restricted (on_unknown_target), and blocks it when told to", () => {
    const computed = analysis([op("file_read", null, "open", 3)]);
    expect(decide({ read_paths: ["./data/**"] }, computed).reasons[0]).toMatchObject({ code: "UNKNOWN_TARGET", effect: "ESCALATE", line: 3 });
    expect(decide({ read_paths: ["./data/**"], on_unknown_target: "BLOCK" }, computed).decision).toBe("BLOCK");
  });

  it("blocks obfuscated code by default, escalates it when on_obfuscation is ESCALATE, and refuses ALLOW there", () => {
    const hidden = analysis([op("obfuscation", null, "getattr", 2, "getattr with a computed name hides the call")]);
    expect(decide({}, hidden).reasons[0]).toMatchObject({ code: "OBFUSCATED_CODE", effect: "BLOCK", line: 2 });
    expect(decide({ on_obfuscation: "ESCALATE" }, hidden).decision).toBe("ESCALATE");
    expect(PolicyDocumentSchema.safeParse({ name: "x", code: { on_obfuscation: "ALLOW" } }).error?.issues[0].path).toEqual(["code", "on_obfuscation"]);
  });

  it("blocks code that does not parse by default, naming the first error's line, and escalates it when on_parse_error is ESCALATE", () => {
    const broken = analysis([], { parsed: false, parse_errors: [{ line: 7, column: 2, message: "unexpected indent" }] });
    expect(decide({}, broken).reasons[0]).toMatchObject({ code: "UNPARSEABLE_CODE", effect: "BLOCK", line: 7 });
    expect(decide({ on_parse_error: "ESCALATE" }, broken).decision).toBe("ESCALATE");
  });

  it("constrains code within the rules to the policy's runtime limits", () => {
    const runtime = { time_limit_s: 30, memory_mb: 512, network: false, writable_paths: ["./out"] };
    const result = decide({ allowed_modules: ["json"], runtime }, analysis([op("import", "json", "import", 1)]));
    expect(result).toMatchObject({ decision: "CONSTRAIN", runtime, reasons: [{ code: "RUNTIME_CONSTRAINED" }] });
    expect(result.constraint).toBeUndefined();
  });

  it("takes the strictest runtime limits of every policy that applies, and returns none with a BLOCK", () => {
    const policies = [
      compilePolicy("pol_1", 1, PolicyDocumentSchema.parse({ name: "a", code: { runtime: { time_limit_s: 30, network: true, writable_paths: ["./out", "/tmp"] } } })),
      compilePolicy("pol_2", 1, PolicyDocumentSchema.parse({ name: "b", code: { runtime: { time_limit_s: 10, memory_mb: 256, network: false, writable_paths: ["./out"] } } })),
    ];
    const ok = evaluateAction(policies, codeAction(analysis([])), NO_COUNTERS, new Date());
    expect(ok.runtime).toEqual({ time_limit_s: 10, memory_mb: 256, network: false, writable_paths: ["./out"] });
    const strict = [...policies, compilePolicy("pol_3", 1, PolicyDocumentSchema.parse({ name: "c", code: { denied_operations: ["process"] } }))];
    const blocked = evaluateAction(strict, codeAction(analysis([SUBPROCESS])), NO_COUNTERS, new Date());
    expect(blocked.decision).toBe("BLOCK");
    expect(blocked).not.toHaveProperty("runtime");
  });

  it("lets ordinary rules decide on code too, e.g. escalating every bash snippet", () => {
    const rules = [{ id: "bash-review", kinds: ["code_execution"], when: [{ path: "language", op: "equals", value: "bash" }], effect: "ESCALATE" }];
    expect(decide({}, analysis([], { language: "bash" }), { rules }).reasons[0]).toMatchObject({ rule_id: "bash-review", effect: "ESCALATE" });
    expect(decide({}, analysis([]), { rules }).decision).toBe("ALLOW");
  });

  it("blocks a code execution that arrives without an analysis when a policy has code rules", () => {
    const unanalysed = { ...codeAction(analysis([])), analysis: undefined };
    const policy = compilePolicy("pol_1", 1, PolicyDocumentSchema.parse({ name: "code", default: "ALLOW", code: {} }));
    expect(evaluateAction([policy], unanalysed, NO_COUNTERS, new Date()).reasons[0].code).toBe("CODE_NOT_ANALYSED");
  });

  it("names the field of an invalid code section", () => {
    const issue = (code: unknown) => PolicyDocumentSchema.safeParse({ name: "x", code }).error?.issues[0].path.join(".");
    expect(issue({ languages: ["cobol"] })).toBe("code.languages.0");
    expect(issue({ network_hosts: ["http://x"] })).toBe("code.network_hosts.0");
    expect(issue({ runtime: { time_limit_s: 0 } })).toBe("code.runtime.time_limit_s");
    expect(issue({ denied_operations: ["teleport"] })).toBe("code.denied_operations.0");
    expect(issue({ unknown_field: 1 })).toBe("code");
  });
});
