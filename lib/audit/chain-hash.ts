// The audit chain's hash: SHA-256 (hex) over the RFC 8785 (JCS) canonical JSON of the entry's
// fields, which include the previous entry's hash. docs/audit-chain.md specifies it for auditors.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export const GENESIS_HASH = "0".repeat(64);

export type ChainFields = {
  id: string;
  workspaceId: string;
  seq: bigint;
  createdAt: Date;
  actorType: string;
  actorId: string;
  agentId: string | null;
  sessionId: string | null;
  suggestedBy: string | null;
  tool: string;
  action: string;
  decision: string | null;
  costMicros: bigint;
  details: unknown;
  flagged: boolean;
  flagReason: string | null;
  prevHash: string;
};

export function canonicalEntry(e: ChainFields): string {
  const text = canonicalize({
    id: e.id,
    workspace_id: e.workspaceId,
    seq: Number(e.seq),
    timestamp: e.createdAt.toISOString(),
    actor_type: e.actorType,
    actor_id: e.actorId,
    agent_id: e.agentId,
    session_id: e.sessionId,
    suggested_by: e.suggestedBy,
    tool: e.tool,
    action: e.action,
    decision: e.decision,
    cost_micros: Number(e.costMicros),
    details: e.details ?? {},
    flagged: e.flagged,
    flag_reason: e.flagReason,
    prev_hash: e.prevHash,
  });
  if (text === undefined) throw new Error("audit entry is not serialisable");
  return text;
}

export function entryHash(e: ChainFields): string {
  return createHash("sha256").update(canonicalEntry(e)).digest("hex");
}
