import { fromMicros } from "@/lib/money";
import type { SessionView } from "./schemas";

type SessionRow = {
  id: string;
  agentId: string;
  crewId: string | null;
  scopes: string[];
  spendLimitMicros: bigint | null;
  spentMicros: bigint;
  tokenLimit: bigint | null;
  tokensUsed: bigint;
  ttl: number;
  metadata: unknown;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

export function isSessionLive(session: Pick<SessionRow, "expiresAt" | "revokedAt">, now = new Date()): boolean {
  return session.revokedAt === null && (session.expiresAt === null || session.expiresAt > now);
}

export function toSessionView(s: SessionRow): SessionView {
  return {
    session_id: s.id,
    agent_id: s.agentId,
    crew_id: s.crewId,
    scopes: s.scopes,
    spend_limit: fromMicros(s.spendLimitMicros),
    spent: fromMicros(s.spentMicros)!,
    remaining_budget: s.spendLimitMicros === null ? null : fromMicros(s.spendLimitMicros > s.spentMicros ? s.spendLimitMicros - s.spentMicros : 0n),
    token_limit: s.tokenLimit === null ? null : Number(s.tokenLimit),
    tokens_used: Number(s.tokensUsed),
    is_valid: isSessionLive(s),
    ttl: s.ttl,
    metadata: s.metadata,
    created_at: s.createdAt.toISOString(),
    expires_at: s.expiresAt?.toISOString() ?? null,
    revoked_at: s.revokedAt?.toISOString() ?? null,
  };
}
