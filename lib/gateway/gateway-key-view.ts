import { fromMicros } from "@/lib/money";
import { isSessionLive } from "@/lib/sessions/session-view";

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  agentId: string;
  crewId: string | null;
  sessionId: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  session: { tokenLimit: bigint | null; tokensUsed: bigint; spendLimitMicros: bigint | null; spentMicros: bigint; expiresAt: Date | null; revokedAt: Date | null };
};

export type GatewayKeyView = ReturnType<typeof toGatewayKeyView>;

/** A key as lists and the issue response show it: its prefix, never the key or its hash. */
export function toGatewayKeyView(k: KeyRow) {
  return {
    id: k.id,
    prefix: k.prefix,
    name: k.name,
    agent_id: k.agentId,
    crew_id: k.crewId,
    session_id: k.sessionId,
    token_limit: k.session.tokenLimit === null ? null : Number(k.session.tokenLimit),
    tokens_used: Number(k.session.tokensUsed),
    spend_limit: fromMicros(k.session.spendLimitMicros),
    spent: fromMicros(k.session.spentMicros)!,
    created_at: k.createdAt.toISOString(),
    expires_at: k.session.expiresAt?.toISOString() ?? null,
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
    // false once the key is revoked or its session has ended (revoked on its own, or expired)
    is_valid: k.revokedAt === null && isSessionLive(k.session),
  };
}
