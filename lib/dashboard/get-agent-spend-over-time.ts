import { prisma } from "@/lib/db/client";
import { fromMicros } from "@/lib/money";
import type { Period } from "./period";
import { bucketOf, bucketSeries, inPeriod } from "./sql-parts";

export type SpendPoint = { bucket: string; spend: number; payments: number };

/** One agent's spend (authorized payments) per bucket of the period; every bucket present. */
export async function getAgentSpendOverTime(workspaceId: string, agentId: string, period: Period): Promise<SpendPoint[]> {
  const db = await prisma();
  const rows = await db.$queryRaw<{ bucket: Date; micros: bigint; payments: bigint }[]>`
    WITH spend AS (
      SELECT ${bucketOf(period, "p")} AS b, sum(p.amount_micros) AS m, count(*) AS n
      FROM payment_authorizations p
      WHERE p.workspace_id = ${workspaceId} AND p.agent_id = ${agentId} AND ${inPeriod(period, "p")} GROUP BY 1),
    buckets AS (${bucketSeries(period)})
    SELECT buckets.b AS bucket, coalesce(s.m, 0)::bigint AS micros, coalesce(s.n, 0)::bigint AS payments
    FROM buckets LEFT JOIN spend s ON s.b = buckets.b ORDER BY 1`;
  return rows.map((r) => ({ bucket: r.bucket.toISOString(), spend: fromMicros(r.micros)!, payments: Number(r.payments) }));
}
