import { prisma } from "@/lib/db/client";
import { fromMicros } from "@/lib/money";
import type { Period } from "./period";
import { inPeriod } from "./sql-parts";

export type TopSpender = { agent_id: string; display_name: string | null; spend: number; payments: number };

/** The agents that spent most in the period (authorized payments), most first. */
export async function listTopSpenders(workspaceId: string, period: Period, limit = 5): Promise<TopSpender[]> {
  const db = await prisma();
  const rows = await db.$queryRaw<{ agent_id: string; display_name: string | null; micros: bigint; payments: bigint }[]>`
    SELECT p.agent_id, a.display_name, sum(p.amount_micros)::bigint AS micros, count(*) AS payments
    FROM payment_authorizations p
    LEFT JOIN agents a ON a.workspace_id = p.workspace_id AND a.agent_id = p.agent_id
    WHERE p.workspace_id = ${workspaceId} AND ${inPeriod(period, "p")}
    GROUP BY p.agent_id, a.display_name ORDER BY micros DESC, p.agent_id LIMIT ${limit}`;
  return rows.map((r) => ({ agent_id: r.agent_id, display_name: r.display_name, spend: fromMicros(r.micros)!, payments: Number(r.payments) }));
}
