import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma, sql } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { workspaceDataKey } from "./data-key";
import { evaluateForSession } from "@/lib/policies/evaluate-for-session";
import { IntegrityError, open, secretAad } from "./envelope";

type Outcome =
  | { kind: "ok"; value: string }
  | { kind: "approval_invalid"; reason: string }
  | { kind: "session_invalid" }
  | { kind: "not_found" }
  | { kind: "denied"; scope: string }
  | { kind: "unreadable"; version: number };

type SessionRow = { agent_id: string; live: boolean };

export type ReadResult =
  | { status: 200; body: { name: string; value: string } }
  | { status: 202; body: { name: string; status: "pending_approval"; approval_id: string; reasons: unknown[]; receipt_id: string } };

async function policyInForce(workspaceId: string): Promise<boolean> {
  const [row] = await sql<{ yes: boolean }>("SELECT warden_policy_in_force($1) AS yes", [workspaceId]);
  return row!.yes;
}
type SecretRow = { id: string; scope_required: string; current_version: number };

/**
 * An agent's read of a secret through its session: the session must be live and hold the
 * secret's scope_required. Every read, denied read and failed decryption is audited with the
 * secret's name and version, never its value; successful reads count toward access_count.
 * When a policy is in force the read is evaluated first (kind secret_read, tool vault, params
 * {name}): BLOCK refuses it, ESCALATE answers 202 with an approval request; once approved, the
 * read with that approval_id succeeds once (the approval is consumed with the read).
 */
export async function readSecret(workspaceId: string, name: string, sessionId: string, actor: Actor, approvalId?: string): Promise<ReadResult> {
  if (!approvalId && (await policyInForce(workspaceId))) {
    const evaluation = await evaluateForSession(workspaceId, { session_id: sessionId, kind: "secret_read", tool: "vault", action: "read", params: { name } }, actor);
    if (evaluation.decision === "BLOCK") {
      const reason = evaluation.reasons[0]!;
      throw new AppError("forbidden", `Policy blocks reading secret '${name}': ${reason.message}`, { reason_code: reason.code, receipt_id: evaluation.receipt_id });
    }
    if (evaluation.decision === "ESCALATE") {
      return { status: 202, body: { name, status: "pending_approval", approval_id: evaluation.approval_id!, reasons: evaluation.reasons, receipt_id: evaluation.receipt_id } };
    }
  }
  const db = await prisma();
  const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
    const [session] = await tx.$queryRaw<SessionRow[]>`
      SELECT agent_id, revoked_at IS NULL AND (expires_at IS NULL OR expires_at > clock_timestamp()) AS live
      FROM sessions WHERE id = ${sessionId} AND workspace_id = ${workspaceId}`;
    const [secret] = await tx.$queryRaw<SecretRow[]>`
      SELECT id, scope_required, current_version FROM secrets
      WHERE workspace_id = ${workspaceId} AND name = ${name} AND deleted_at IS NULL FOR UPDATE`;
    const audit = (action: string, details: Record<string, unknown>, denied: boolean) =>
      appendAuditEvent(tx, workspaceId, {
        actor,
        action,
        tool: "vault",
        agentId: session?.agent_id ?? null,
        sessionId: session ? sessionId : null,
        decision: denied ? "BLOCK" : "ALLOW",
        details: { name, ...details },
        flagged: denied,
        flagReason: denied ? "denied_check" : null,
      });
    if (!session?.live) {
      if (secret) await audit("secret.read_denied", { version: secret.current_version, reason: "session_invalid" }, true);
      return { kind: "session_invalid" };
    }
    if (!secret) return { kind: "not_found" };
    const [{ allowed }] = (await tx.$queryRaw<{ allowed: boolean }[]>`
      SELECT warden_scope_allows(scopes, ${secret.scope_required}) AS allowed FROM sessions WHERE id = ${sessionId}`) as [{ allowed: boolean }];
    if (!allowed) {
      await audit("secret.read_denied", { version: secret.current_version, reason: "missing_scope", scope_required: secret.scope_required }, true);
      return { kind: "denied", scope: secret.scope_required };
    }
    if (approvalId) {
      const [consumed] = await tx.$queryRaw<{ id: string }[]>`
        UPDATE approval_requests SET consumed_at = clock_timestamp()
        WHERE id = ${approvalId} AND workspace_id = ${workspaceId} AND kind = 'secret_read' AND status = 'approved'
          AND consumed_at IS NULL AND session_id = ${sessionId} AND params->>'name' = ${name}
        RETURNING id`;
      if (!consumed) return { kind: "approval_invalid", reason: "The approval is not an approved, unused approval of this read by this session" };
    }
    const version = await tx.secretVersion.findUniqueOrThrow({ where: { secretId_version: { secretId: secret.id, version: secret.current_version } } });
    const dataKey = await workspaceDataKey(tx, workspaceId);
    let value: string;
    try {
      const sealed = { nonce: Buffer.from(version.nonce), ciphertext: Buffer.from(version.ciphertext), tag: Buffer.from(version.tag) };
      value = open(dataKey, sealed, secretAad(workspaceId, name, version.version)).toString("utf8");
    } catch (error) {
      if (!(error instanceof IntegrityError)) throw error;
      await audit("secret.read_failed", { version: version.version, reason: "integrity" }, true);
      return { kind: "unreadable", version: version.version };
    }
    await tx.$executeRaw`UPDATE secrets SET access_count = access_count + 1, last_accessed_at = now() WHERE id = ${secret.id}`;
    await audit("secret.read", { version: version.version }, false);
    return { kind: "ok", value };
  });
  switch (outcome.kind) {
    case "ok":
      return { status: 200, body: { name, value: outcome.value } };
    case "approval_invalid":
      throw new AppError("conflict", outcome.reason, { approval_id: approvalId });
    case "session_invalid":
      throw new AppError("unauthorized", "Session is unknown, expired or revoked", { session_id: sessionId });
    case "not_found":
      throw notFound(`Secret '${name}'`);
    case "denied":
      throw new AppError("forbidden", `Session lacks '${outcome.scope}' scope for secret '${name}'`, { required: outcome.scope });
    case "unreadable":
      throw new AppError(
        "secret_unreadable",
        `Secret '${name}' (version ${outcome.version}) cannot be decrypted: its stored ciphertext, nonce or tag fails authentication`,
      );
  }
}
