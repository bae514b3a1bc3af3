// POST /api/v1/exec/{receipt_id}/result, and the way an escalated run reaches it: the executor
// waits on GET /api/v1/approvals/{id}?wait=30; only an approved run may report a result.
import { describe, expect, it } from "vitest";
import { api, seedWorkspace } from "../helpers/api";
import { allAuditEntries, atOnce, expectError, expectInvalid, expectNotFound, verify, waitUntilPast } from "../helpers/governance";
import { evaluated, gateWorkspace, sha256 } from "../helpers/exec-gate";

const REVIEWED = { code: { denied_operations: ["process"], on_violation: "ESCALATE", runtime: { time_limit_s: 5 } } };
const SHELL_OUT = 'import subprocess\nsubprocess.run(["date"])\n';
const OK = { status: "ok", exit_code: 0, duration_ms: 42 };

describe("POST /api/v1/exec/{receipt_id}/result", () => {
  it("accepts an escalated run's result once a reviewer approves it, with the code and operations in the request", async () => {
    const gate = await gateWorkspace([REVIEWED]);
    const body = await evaluated(gate, await gate.session(), "python", SHELL_OUT, { suggested_by: "assistant" });
    expect(body).toMatchObject({ decision: "ESCALATE", approval_id: expect.stringMatching(/^apr_/), runtime: { time_limit_s: 5 } });
    expectError(await gate.report(body.receipt_id, OK), 409, "conflict", { approval_status: "pending" });

    const request = await api("GET", `/api/v1/approvals/${body.approval_id}`, { key: gate.reviewer });
    expect(request.body).toMatchObject({ kind: "code_execution", tool: "python", status: "pending" });
    expect(request.body.details).toMatchObject({ code: SHELL_OUT, code_sha256: sha256(SHELL_OUT), operations: expect.arrayContaining([expect.objectContaining({ kind: "process", line: 2 })]) });

    expect((await gate.decide(body.approval_id, "approve")).status).toBe(200);
    const waited = await api("GET", `/api/v1/approvals/${body.approval_id}?wait=30`, { key: gate.key });
    expect(waited.body.status).toBe("approved");
    const recorded = await gate.report(body.receipt_id, OK);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body).toMatchObject({ recorded: true, receipt_id: body.receipt_id, entry_id: expect.stringMatching(/^aud_/), status: "ok", exit_code: 0, duration_ms: 42 });
    const entry = (await allAuditEntries(gate.key)).find((e) => e.entry_id === recorded.body.entry_id)!;
    expect(entry).toMatchObject({ action: "code.result", agent_id: "executor" });
    expect(entry.details).toMatchObject({ receipt_id: body.receipt_id, code_sha256: sha256(SHELL_OUT), status: "ok" });
    expect(await verify(gate.key)).toMatchObject({ verified: true });
  });

  it("refuses the result of a run whose approval was denied, and of a blocked run", async () => {
    const gate = await gateWorkspace([REVIEWED]);
    const sessionId = await gate.session();
    const escalated = await evaluated(gate, sessionId, "python", SHELL_OUT);
    await gate.decide(escalated.approval_id, "deny");
    expectError(await gate.report(escalated.receipt_id, OK), 409, "conflict", { approval_status: "denied" });
    const blocked = await evaluated(gate, sessionId, "python", "def broken(:\n");
    expect(blocked.decision).toBe("BLOCK");
    expectError(await gate.report(blocked.receipt_id, OK), 409, "conflict", { decision: "BLOCK" });
  });

  it("refuses the result of a run whose approval expired undecided", async () => {
    const gate = await gateWorkspace([{ rules: [{ id: "review-bash", kinds: ["code_execution"], tools: ["bash"], effect: "ESCALATE", approval: { expires_in: 1 } }] }]);
    const escalated = await evaluated(gate, await gate.session(), "bash", "echo hi\n");
    const request = await api("GET", `/api/v1/approvals/${escalated.approval_id}`, { key: gate.key });
    await waitUntilPast(request.body.expires_at);
    expectError(await gate.report(escalated.receipt_id, OK), 409, "conflict", { approval_status: "expired" });
  });

  it("records a result once: the same report again gets the first answer, a different one 409", async () => {
    const gate = await gateWorkspace([]);
    const { receipt_id } = await evaluated(gate, await gate.session(), "python", "print(1)\n");
    const killed = { status: "killed", duration_ms: 5000, killed_by: "time" };
    const first = await gate.report(receipt_id, killed);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(await gate.report(receipt_id, killed)).toMatchObject({ status: 200, body: first.body });
    expectError(await gate.report(receipt_id, OK), 409, "conflict");
    const results = (await allAuditEntries(gate.key)).filter((e) => e.action === "code.result");
    expect(results).toHaveLength(1);
  });

  it("answers 404 for another workspace's receipt, and 400 naming the field", async () => {
    const gate = await gateWorkspace([]);
    const { receipt_id } = await evaluated(gate, await gate.session(), "python", "print(1)\n");
    const other = await seedWorkspace();
    expectNotFound(await api("POST", `/api/v1/exec/${receipt_id}/result`, { key: other.key, body: OK }));
    expectInvalid(await gate.report(receipt_id, { status: "ok", duration_ms: 1, killed_by: "time" }), "killed_by");
    expectInvalid(await gate.report(receipt_id, { status: "finished", duration_ms: 1 }), "status");
    expectInvalid(await gate.report("not-a-receipt", OK), "receipt_id");
  });

  it("takes 50 concurrent evaluations of the same code: 50 receipts, each its own run, and the chain verifies", async () => {
    const gate = await gateWorkspace([{ code: { allowed_modules: ["json"] } }]);
    const sessionId = await gate.session();
    const code = 'import json\nprint(json.dumps([1, 2, 3]))\n';
    const answers = await atOnce(50, () => gate.evaluate({ session_id: sessionId, language: "python", code }));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(new Set(answers.map((a) => a.body.receipt_id)).size).toBe(50);
    expect(new Set(answers.map((a) => a.body.code_sha256))).toEqual(new Set([sha256(code)]));
    const reports = await atOnce(50, (i) => gate.report(answers[i]!.body.receipt_id, OK));
    expect(reports.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await verify(gate.key)).toMatchObject({ verified: true });
  });
});
