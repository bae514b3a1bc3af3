import { prisma } from "@/lib/db/client";
import type { Period } from "./period";
import { bucketOf, bucketSeries, inPeriod } from "./sql-parts";
import { pivotSeries, type SeriesRow, type StackedSeries } from "./stacked-series";

/**
 * Spend per bucket for the period's top five agents by spend, the rest summed as "Other";
 * every bucket of the period is present (zeros where nothing was spent).
 */
export async function getSpendByAgent(workspaceId: string, period: Period): Promise<StackedSeries> {
  const db = await prisma();
  const rows = await db.$queryRaw<SeriesRow[]>`
    WITH spend AS (
      SELECT ${bucketOf(period, "p")} AS b, p.agent_id AS k, sum(p.amount_micros) AS m
      FROM payment_authorizations p WHERE p.workspace_id = ${workspaceId} AND ${inPeriod(period, "p")} GROUP BY 1, 2),
    top AS (SELECT k FROM spend GROUP BY k ORDER BY sum(m) DESC, k LIMIT 5),
    labelled AS (SELECT b, CASE WHEN k IN (SELECT k FROM top) THEN k END AS k, m FROM spend),
    keys AS (SELECT DISTINCT k FROM labelled),
    buckets AS (${bucketSeries(period)})
    SELECT buckets.b AS bucket, keys.k AS key, a.display_name AS label, coalesce(sum(l.m), 0)::bigint AS micros
    FROM buckets CROSS JOIN keys
    LEFT JOIN labelled l ON l.b = buckets.b AND l.k IS NOT DISTINCT FROM keys.k
    LEFT JOIN agents a ON a.workspace_id = ${workspaceId} AND a.agent_id = keys.k
    GROUP BY 1, 2, 3 ORDER BY 1, 2`;
  return pivotSeries(rows);
}
