import { fromMicros } from "@/lib/money";

type AgentRow = {
  id: string;
  agentId: string;
  displayName: string | null;
  defaultScopes: string[];
  budgetMicros: bigint | null;
  spentMicros: bigint;
  budgetWindow: string;
  trusted: boolean;
  windowStart: Date;
  tokenBudget: bigint | null;
  tokensUsed: bigint;
  tokenWindowStart: Date;
  createdAt: Date;
  lastSeenAt: Date;
};

/** Spend in the current window: a day/month budget whose window has passed starts again at 0. */
export function spentInWindow(row: { spentMicros: bigint; budgetWindow: string; windowStart: Date }, now = new Date()): bigint {
  const start = windowStartFor(row.budgetWindow, now);
  return start && row.windowStart < start ? 0n : row.spentMicros;
}

export function windowStartFor(window: string, now: Date): Date | null {
  if (window === "day") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (window === "month") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return null;
}

/** Token budgets share the money budget's window but roll it from their own start. */
export const tokensInWindow = (row: { tokensUsed: bigint; budgetWindow: string; tokenWindowStart: Date }, now = new Date()): bigint =>
  spentInWindow({ spentMicros: row.tokensUsed, budgetWindow: row.budgetWindow, windowStart: row.tokenWindowStart }, now);

export function toAgentView(a: AgentRow, extra: { crews?: string[] } = {}) {
  const spent = spentInWindow(a);
  const tokens = tokensInWindow(a);
  return {
    agent_id: a.agentId,
    id: a.id,
    display_name: a.displayName,
    default_scopes: a.defaultScopes,
    budget: fromMicros(a.budgetMicros),
    budget_window: a.budgetWindow,
    trusted: a.trusted,
    spent: fromMicros(spent),
    remaining_budget: a.budgetMicros === null ? null : fromMicros(a.budgetMicros > spent ? a.budgetMicros - spent : 0n),
    token_budget: a.tokenBudget === null ? null : Number(a.tokenBudget),
    tokens_used: Number(tokens),
    created_at: a.createdAt.toISOString(),
    last_seen_at: a.lastSeenAt.toISOString(),
    ...(extra.crews ? { crews: extra.crews } : {}),
  };
}
