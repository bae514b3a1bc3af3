// Appends events to a workspace's audit chain inside the caller's transaction, so a change and
// its audit row commit together or not at all. Updating the chain-head row takes a row lock
// that serialises appenders across every server process; (workspace_id, seq) is unique, so the
// chain can neither fork nor leave gaps.
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { entryHash, type ChainFields } from "./chain-hash";

export type Tx = Prisma.TransactionClient;

export type Actor =
  | { type: "user"; id: string }
  | { type: "api_key"; id: string }
  | { type: "session"; id: string }
  | { type: "agent"; id: string }
  | { type: "system"; id: string };

export type AuditInput = {
  actor: Actor;
  action: string;
  tool?: string;
  agentId?: string | null;
  sessionId?: string | null;
  suggestedBy?: string | null;
  decision?: string | null;
  costMicros?: bigint;
  details?: Prisma.InputJsonObject;
  flagged?: boolean;
  flagReason?: string | null;
};

export async function appendAuditEvents(tx: Tx, workspaceId: string, inputs: AuditInput[]): Promise<ChainFields[]> {
  if (inputs.length === 0) return [];
  const heads = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    UPDATE audit_chain_heads SET seq = seq + ${inputs.length}
    WHERE workspace_id = ${workspaceId}
    RETURNING seq, hash`;
  const head = heads[0];
  if (!head) throw new Error(`workspace ${workspaceId} has no audit chain head`);

  const createdAt = new Date();
  let seq = BigInt(head.seq) - BigInt(inputs.length);
  let prevHash = head.hash;
  const rows = inputs.map((input) => {
    seq += 1n;
    const fields: ChainFields = {
      id: newId("audit"),
      workspaceId,
      seq,
      createdAt,
      actorType: input.actor.type,
      actorId: input.actor.id,
      agentId: input.agentId ?? null,
      sessionId: input.sessionId ?? null,
      suggestedBy: input.suggestedBy ?? null,
      tool: input.tool ?? "",
      action: input.action,
      decision: input.decision ?? null,
      costMicros: input.costMicros ?? 0n,
      details: input.details ?? {},
      flagged: input.flagged ?? false,
      flagReason: input.flagReason ?? null,
      prevHash,
    };
    prevHash = entryHash(fields);
    return { ...fields, entryHash: prevHash };
  });

  await tx.auditEvent.createMany({
    data: rows.map((row) => ({ ...row, details: row.details as Prisma.InputJsonObject })),
  });
  await tx.$executeRaw`UPDATE audit_chain_heads SET hash = ${prevHash} WHERE workspace_id = ${workspaceId}`;
  return rows;
}

export async function appendAuditEvent(tx: Tx, workspaceId: string, input: AuditInput): Promise<ChainFields> {
  const [row] = await appendAuditEvents(tx, workspaceId, [input]);
  return row!;
}
