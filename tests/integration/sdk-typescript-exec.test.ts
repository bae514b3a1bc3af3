// The TypeScript SDK's code-execution gate: evaluateCode before running a snippet (an ESCALATE
// is pending with its approvalId), recordExecResult after, once.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "@/sdk/typescript/src/index";
import { seedWorkspace } from "../helpers/api";
import { publishPolicy, reviewer, sdkClient, rejectionOf } from "../helpers/sdk";

const CODE_RULES = { denied_operations: ["process"], on_violation: "ESCALATE", runtime: { time_limit_s: 5, network: false } };
const BENIGN = "import json\nprint(json.dumps([1]))\n";
const SHELL_OUT = "import subprocess\nsubprocess.run(['ls'])\n";

async function executor() {
  const { slug, key } = await seedWorkspace();
  await publishPolicy(key, { code: CODE_RULES });
  const client = sdkClient(key);
  const { session_id: sessionId } = await client.createSession({ agentId: "executor", scopes: ["execute"] });
  return { client, sessionId, reviewer: await reviewer(slug) };
}

describe("evaluateCode and recordExecResult", () => {
  it("constrains benign code to the runtime limits, and records its result once", async () => {
    const w = await executor();
    const gate = await w.client.evaluateCode({ sessionId: w.sessionId, language: "python", code: BENIGN, suggestedBy: "assistant" });
    expect(gate).toMatchObject({ decision: "CONSTRAIN", pending: false, approvalId: null, runtime: { time_limit_s: 5, network: false } });
    expect(gate.code_sha256).toBe(createHash("sha256").update(BENIGN).digest("hex"));
    const recorded = await w.client.recordExecResult(gate.receipt_id, { status: "ok", exitCode: 0, durationMs: 30 });
    expect(recorded).toMatchObject({ recorded: true, receipt_id: gate.receipt_id, status: "ok", exit_code: 0, duration_ms: 30 });
    expect(await w.client.recordExecResult(gate.receipt_id, { status: "ok", exitCode: 0, durationMs: 30 })).toEqual(recorded);
    expect(await rejectionOf(w.client.recordExecResult(gate.receipt_id, { status: "error", exitCode: 1, durationMs: 30 }))).toBeInstanceOf(ConflictError);
  });

  it("returns an escalated snippet as pending; its result is accepted once a reviewer approves", async () => {
    const w = await executor();
    const gate = await w.client.evaluateCode({ sessionId: w.sessionId, language: "python", code: SHELL_OUT });
    expect(gate).toMatchObject({ decision: "ESCALATE", pending: true, approvalId: expect.stringMatching(/^apr_/) });
    expect(gate.reasons).toContainEqual(expect.objectContaining({ code: "OPERATION_DENIED", line: 2 }));
    expect(await rejectionOf(w.client.recordExecResult(gate.receipt_id, { status: "ok", durationMs: 1 }))).toBeInstanceOf(ConflictError);
    await w.reviewer.approve(gate.approvalId!);
    expect((await w.client.waitForApproval(gate.approvalId!, { timeoutMs: 30_000 })).status).toBe("approved");
    expect((await w.client.recordExecResult(gate.receipt_id, { status: "ok", durationMs: 1 })).recorded).toBe(true);
  });

  it("raises ValidationError naming the field, and NotFoundError for an unknown receipt", async () => {
    const w = await executor();
    const invalid = await rejectionOf(w.client.evaluateCode({ sessionId: w.sessionId, language: "cobol" as "python", code: "x" }));
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid).toMatchObject({ field: "language" });
    expect(await rejectionOf(w.client.recordExecResult("aud_01JD0000000000000000000000", { status: "ok", durationMs: 1 }))).toBeInstanceOf(NotFoundError);
  });
});
