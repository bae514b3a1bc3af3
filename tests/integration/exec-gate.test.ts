// POST /api/v1/exec/evaluate: the executing agent's code policies decide on what the analyser
// finds in the code; the receipt links the code by its hash and is part of the audit chain.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { expectInvalid, expectUnauthorized, revokeSession, verify, allAuditEntries } from "../helpers/governance";
import { evaluated, gateWorkspace, sha256 } from "../helpers/exec-gate";

const STRICT = { denied_modules: ["os", "subprocess", "socket"], denied_operations: ["process"], network_hosts: ["api.example.com"], read_paths: ["./data/**"], write_paths: ["./out/**"] };
const BENIGN = 'import json\nimport math\nprint(json.dumps({"root": math.sqrt(2)}))\n';
const SHELL_OUT = 'import json\nimport subprocess\n\nsubprocess.run(["ls", "-l"])\n';

describe("POST /api/v1/exec/evaluate", () => {
  it("lets benign code run within the policy's runtime limits (CONSTRAIN), listing what it does and the policy versions", async () => {
    const runtime = { time_limit_s: 10, memory_mb: 256, network: false, writable_paths: ["./out"] };
    const gate = await gateWorkspace([{ code: { ...STRICT, allowed_modules: ["json", "math"], runtime } }]);
    const body = await evaluated(gate, await gate.session(), "python", BENIGN);
    expect(body).toMatchObject({ decision: "CONSTRAIN", runtime, parsed: true, code_sha256: sha256(BENIGN), receipt_id: expect.stringMatching(/^aud_/) });
    expect(body.operations.filter((o: { kind: string }) => o.kind === "import").map((o: { target: string }) => o.target)).toEqual(["json", "math"]);
    expect(body.policy_versions).toEqual([{ policy_id: expect.stringMatching(/^pol_/), version: 1 }]);
    expect(body).not.toHaveProperty("approval_id");
  });

  it("blocks a denied module and a started process, naming the call and its line", async () => {
    const gate = await gateWorkspace([{ code: STRICT }]);
    const body = await evaluated(gate, await gate.session(), "python", SHELL_OUT);
    expect(body.decision).toBe("BLOCK");
    expect(body.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "DENIED_MODULE", line: 2, rule_id: "code.denied_modules" }),
        expect.objectContaining({ code: "OPERATION_DENIED", line: 4, message: expect.stringMatching(/subprocess\.run.*\(line 4\)/) }),
      ]),
    );
    expect(body).not.toHaveProperty("runtime");
  });

  it("decides by the executing agent's policy: a permissive suggester cannot unlock a strict executor", async () => {
    const gate = await gateWorkspace([
      { name: "strict-executor", target: { kind: "agent", agent_id: "executor" }, code: STRICT },
      { name: "permissive-assistant", target: { kind: "agent", agent_id: "assistant" }, code: {} },
    ]);
    const executed = await evaluated(gate, await gate.session("executor"), "python", SHELL_OUT, { suggested_by: "assistant", conversation_id: "conv-1" });
    expect(executed.decision).toBe("BLOCK");
    expect((await evaluated(gate, await gate.session("assistant"), "python", SHELL_OUT)).decision).toBe("ALLOW");
    const receipt = (await allAuditEntries(gate.key)).find((e) => e.entry_id === executed.receipt_id)!;
    expect(receipt).toMatchObject({ agent_id: "executor", suggested_by: "assistant", decision: "BLOCK" });
    expect(receipt.details).toMatchObject({ executor: "executor", suggested_by: "assistant", conversation_id: "conv-1" });
  });

  it("blocks code that does not parse by default, and escalates it when on_parse_error is ESCALATE", async () => {
    const broken = "def broken(:\n    return 1\n";
    const strict = await gateWorkspace([{ code: {} }]);
    const blocked = await evaluated(strict, await strict.session(), "python", broken);
    expect(blocked).toMatchObject({ decision: "BLOCK", parsed: false, reasons: [expect.objectContaining({ code: "UNPARSEABLE_CODE", line: expect.any(Number) })] });
    const lenient = await gateWorkspace([{ code: { on_parse_error: "ESCALATE" } }]);
    const escalated = await evaluated(lenient, await lenient.session(), "python", broken);
    expect(escalated).toMatchObject({ decision: "ESCALATE", approval_id: expect.stringMatching(/^apr_/) });
  });

  it("blocks obfuscated code even when every module and operation is otherwise allowed", async () => {
    const gate = await gateWorkspace([{ code: {} }]);
    const hidden = 'import base64\nexec(base64.b64decode("cHJpbnQoMSk="))\n';
    const body = await evaluated(gate, await gate.session(), "python", hidden);
    expect(body.decision).toBe("BLOCK");
    expect(body.reasons.map((r: { code: string }) => r.code)).toContain("OBFUSCATED_CODE");
  });

  it("checks file paths and network hosts against the policy's lists", async () => {
    const gate = await gateWorkspace([{ code: STRICT }]);
    const sessionId = await gate.session();
    const decide = async (code: string) => (await evaluated(gate, sessionId, "python", code)).reasons.map((r: { code: string }) => r.code);
    expect(await decide('data = open("/etc/passwd").read()\n')).toContain("READ_PATH_NOT_ALLOWED");
    expect(await decide('open("./data/x.csv").read()\nopen("./out/report.txt", "w").write("ok")\n')).toEqual(["WITHIN_CODE_RULES"]);
    expect(await decide('open("/tmp/x", "w").write("x")\n')).toContain("WRITE_PATH_NOT_ALLOWED");
    expect(await decide('import urllib.request\nurllib.request.urlopen("https://evil.example/steal")\n')).toContain("NETWORK_HOST_NOT_ALLOWED");
  });

  it("applies ordinary rules of kind code_execution, e.g. every bash snippet waits for a reviewer", async () => {
    const gate = await gateWorkspace([{ rules: [{ id: "bash-review", kinds: ["code_execution"], when: [{ path: "language", op: "equals", value: "bash" }], effect: "ESCALATE" }] }]);
    const sessionId = await gate.session();
    expect(await evaluated(gate, sessionId, "bash", "echo hello\n")).toMatchObject({ decision: "ESCALATE", reasons: [{ rule_id: "bash-review" }] });
    expect((await evaluated(gate, sessionId, "python", "print(1)\n")).decision).toBe("ALLOW");
  });

  it("refuses languages and sizes the policy does not allow", async () => {
    const gate = await gateWorkspace([{ code: { languages: ["python"], max_code_bytes: 64 } }]);
    const sessionId = await gate.session();
    expect((await evaluated(gate, sessionId, "bash", "echo hi\n")).reasons[0].code).toBe("LANGUAGE_NOT_ALLOWED");
    expect((await evaluated(gate, sessionId, "python", `x = "${"a".repeat(100)}"\n`)).reasons[0].code).toBe("CODE_TOO_LARGE");
  });

  it("writes a receipt in the audit chain that holds the code's hash but never the code", async () => {
    const gate = await gateWorkspace([{ code: STRICT }]);
    const secretish = 'token = "sk-live-do-not-log"\nprint(len(token))\n';
    const body = await evaluated(gate, await gate.session(), "python", secretish);
    const receipt = (await allAuditEntries(gate.key)).find((e) => e.entry_id === body.receipt_id)!;
    expect(receipt).toMatchObject({ action: "policy.evaluated", tool: "python" });
    expect(receipt.details).toMatchObject({ kind: "code_execution", code_sha256: sha256(secretish), policy_versions: body.policy_versions });
    expect(JSON.stringify(receipt)).not.toContain("sk-live-do-not-log");
    expect(await verify(gate.key)).toMatchObject({ verified: true });
  });

  it("answers 400 naming the field, and 401 for a revoked session", async () => {
    const gate = await gateWorkspace([]);
    const sessionId = await gate.session();
    expectInvalid(await gate.evaluate({ session_id: sessionId, language: "cobol", code: "x" }), "language");
    expectInvalid(await gate.evaluate({ session_id: sessionId, language: "python" }), "code");
    expectInvalid(await gate.evaluate({ session_id: sessionId, language: "python", code: "x", context: { blob: "a".repeat(5000) } }), "context");
    await revokeSession(gate.key, sessionId);
    expectUnauthorized(await gate.evaluate({ session_id: sessionId, language: "python", code: "print(1)" }));
    expect((await api("POST", "/api/v1/exec/evaluate", { key: null, body: {} })).status).toBe(401);
  });
});

describe("POST /api/v1/policies/{id}/simulate over code executions", () => {
  it("replays past code executions through a draft's code section with the operations their receipts recorded", async () => {
    const gate = await gateWorkspace([]);
    const sessionId = await gate.session();
    expect((await evaluated(gate, sessionId, "python", SHELL_OUT)).decision).toBe("ALLOW");
    expect((await evaluated(gate, sessionId, "python", BENIGN)).decision).toBe("ALLOW");
    const created = await api("POST", "/api/v1/policies", { key: gate.key, body: { name: "draft", default: "ALLOW", code: { denied_modules: ["subprocess"] } } });
    const simulated = await api("POST", `/api/v1/policies/${created.body.policy_id}/simulate`, { key: gate.key, body: {} });
    expect(simulated.body).toMatchObject({ replayed: 2, changed: 1, changes: [{ kind: "code_execution", before: "ALLOW", after: "BLOCK", reasons: [{ code: "DENIED_MODULE" }] }] });
  });
});
