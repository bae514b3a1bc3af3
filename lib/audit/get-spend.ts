import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { fromMicros } from "@/lib/money";
import type { SpendQuery } from "./schemas";

/** The audit action of an authorized payment: its cost is the amount paid. */
const PAYMENT = "payment.authorized";

/**
 * Spend from the audit trail, summed exactly in the database, as Haldir reports it: total_usd,
 * action_count and by_tool cover the costs of logged actions (everything but payments);
 * authorized payments are reported in their own fields, so nothing is counted twice.
 */
export async function getSpend(workspaceId: string, query: z.infer<typeof SpendQuery>) {
  const db = await prisma();
  const filters = [Prisma.sql`workspace_id = ${workspaceId}`];
  if (query.session_id) filters.push(Prisma.sql`session_id = ${query.session_id}`);
  if (query.agent_id) filters.push(Prisma.sql`agent_id = ${query.agent_id}`);
  if (query.crew_id) filters.push(Prisma.sql`session_id IN (SELECT id FROM sessions WHERE workspace_id = ${workspaceId} AND crew_id = ${query.crew_id})`);
  const rows = await db.$queryRaw<{ payment: boolean; tool: string; total: bigint; entries: bigint }[]>`
    SELECT action = ${PAYMENT} AS payment, tool, coalesce(sum(cost_micros), 0)::bigint AS total, count(*)::bigint AS entries
    FROM audit_events WHERE ${Prisma.join(filters, " AND ")} GROUP BY 1, 2 ORDER BY 2`;
  const actions = rows.filter((row) => !row.payment);
  const payments = rows.filter((row) => row.payment);
  const sum = (of: typeof rows) => fromMicros(of.reduce((total, row) => total + BigInt(row.total), 0n));
  const count = (of: typeof rows) => of.reduce((total, row) => total + Number(row.entries), 0);
  return {
    total_usd: sum(actions),
    action_count: count(actions),
    by_tool: Object.fromEntries(actions.map((row) => [row.tool, fromMicros(BigInt(row.total))])),
    payments_usd: sum(payments),
    payment_count: count(payments),
  };
}
