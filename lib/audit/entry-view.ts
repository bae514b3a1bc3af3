import { fromMicros } from "@/lib/money";
import type { ChainFields } from "./chain-hash";

type EventRow = ChainFields & { entryHash: string };

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
