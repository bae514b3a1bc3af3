// Appends events to a workspace's audit chain inside the caller's transaction, so a change and
// its audit row commit together or not at all. The database function warden_append_audit
// locks the chain head (serialising appenders across every server process), hashes the entry
// and applies the workspace's anomaly rules; (workspace_id, seq) is unique, so the chain can
// neither fork nor leave gaps.
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";

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

export type AppendedEvent = { id: string; seq: bigint; entry_hash: string; flagged: boolean; flag_reason: string | null };

export async function appendAuditEvent(tx: Tx, workspaceId: string, input: AuditInput): Promise<AppendedEvent> {
  const rows = await tx.$queryRaw<AppendedEvent[]>`
    SELECT id, seq, entry_hash, flagged, flag_reason FROM warden_append_audit(
      ${workspaceId}, ${newId("audit")}, ${input.actor.type}, ${input.actor.id}, ${input.agentId ?? null},
      ${input.sessionId ?? null}, ${input.suggestedBy ?? null}, ${input.tool ?? ""}, ${input.action},
      ${input.decision ?? null}, ${input.costMicros ?? 0n}, ${JSON.stringify(input.details ?? {})}::jsonb,
      ${input.flagged ?? false}, ${input.flagReason ?? null})`;
  return rows[0]!;
}
