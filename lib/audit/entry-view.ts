import { fromMicros } from "@/lib/money";

type EventRow = {
  id: string;
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
  entryHash: string;
};

export function toEntryView(e: EventRow) {
  return {
    entry_id: e.id,
    seq: Number(e.seq),
    session_id: e.sessionId,
    agent_id: e.agentId,
    suggested_by: e.suggestedBy,
    actor_type: e.actorType,
    actor_id: e.actorId,
    tool: e.tool,
    action: e.action,
    decision: e.decision,
    cost_usd: fromMicros(e.costMicros),
    flagged: e.flagged,
    flag_reason: e.flagReason,
    timestamp: e.createdAt.toISOString(),
    details: e.details,
    prev_hash: e.prevHash,
    entry_hash: e.entryHash,
  };
}
