import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { fromMicros } from "@/lib/money";
import type { SpendQuery } from "./schemas";

/** Spend from the audit trail (authorized payments and logged action costs), summed exactly in the database. */
export async function getSpend(workspaceId: string, query: z.infer<typeof SpendQuery>) {
  const db = await prisma();
  const filters = [Prisma.sql`workspace_id = ${workspaceId}`];
  if (query.session_id) filters.push(Prisma.sql`session_id = ${query.session_id}`);
  if (query.agent_id) filters.push(Prisma.sql`agent_id = ${query.agent_id}`);
  if (query.crew_id) filters.push(Prisma.sql`session_id IN (SELECT id FROM sessions WHERE workspace_id = ${workspaceId} AND crew_id = ${query.crew_id})`);
  const rows = await db.$queryRaw<{ tool: string; total: bigint; actions: bigint }[]>`
    SELECT tool, coalesce(sum(cost_micros), 0)::bigint AS total, count(*)::bigint AS actions
    FROM audit_events WHERE ${Prisma.join(filters, " AND ")} GROUP BY tool ORDER BY tool`;
  const total = rows.reduce((sum, row) => sum + BigInt(row.total), 0n);
  const actions = rows.reduce((sum, row) => sum + Number(row.actions), 0);
  return {
    total_usd: fromMicros(total),
    action_count: actions,
    by_tool: Object.fromEntries(rows.map((row) => [row.tool, fromMicros(BigInt(row.total))])),
  };
}
