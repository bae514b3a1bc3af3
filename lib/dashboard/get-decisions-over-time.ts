import { prisma } from "@/lib/db/client";
import type { Period } from "./period";
import { agentAction, bucketOf, bucketSeries, DECISIONS, inPeriod, type Decision } from "./sql-parts";

export type DecisionPoint = { bucket: string } & Record<Decision, number>;

/** Agent actions with a policy decision, per bucket and outcome; every bucket present. */
export async function getDecisionsOverTime(workspaceId: string, period: Period): Promise<DecisionPoint[]> {
  const db = await prisma();
  const rows = await db.$queryRaw<({ bucket: Date } & Record<Decision, bigint>)[]>`
    WITH counted AS (
      SELECT ${bucketOf(period, "e")} AS b, e.decision AS d, count(*) AS n
      FROM audit_events e WHERE ${agentAction(workspaceId)} AND ${inPeriod(period, "e")} AND e.decision IS NOT NULL GROUP BY 1, 2),
    buckets AS (${bucketSeries(period)})
    SELECT buckets.b AS bucket,
      coalesce(sum(c.n) FILTER (WHERE c.d = 'ALLOW'), 0)::bigint AS "ALLOW",
      coalesce(sum(c.n) FILTER (WHERE c.d = 'LOG'), 0)::bigint AS "LOG",
      coalesce(sum(c.n) FILTER (WHERE c.d = 'CONSTRAIN'), 0)::bigint AS "CONSTRAIN",
      coalesce(sum(c.n) FILTER (WHERE c.d = 'BLOCK'), 0)::bigint AS "BLOCK",
      coalesce(sum(c.n) FILTER (WHERE c.d = 'ESCALATE'), 0)::bigint AS "ESCALATE"
    FROM buckets LEFT JOIN counted c ON c.b = buckets.b
    GROUP BY 1 ORDER BY 1`;
  return rows.map((row) => ({
    bucket: row.bucket.toISOString(),
    ...(Object.fromEntries(DECISIONS.map((d) => [d, Number(row[d])])) as Record<Decision, number>),
  }));
}
