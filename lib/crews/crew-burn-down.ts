import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { fromMicros } from "@/lib/money";

type Row = {
  budget_micros: bigint | null;
  budget_window: string;
  window_start: Date;
  window_end: Date | null;
  now: Date;
  at: Date | null;
  cumulative: bigint | null;
};

export type BurnDownPoint = { at: string; spent: number; remaining: number | null };

export type BurnDown = {
  budget: number | null;
  budget_window: string;
  window_start: string;
  /** The end of a day or month window; null for a run (until reset). */
  window_end: string | null;
  now: string;
  /** From the budget at window_start, one point per instant with payments, and one at now. */
  points: BurnDownPoint[];
  /** A straight line from the budget at window_start to 0 at window_end (day and month windows with a budget). */
  ideal: { at: string; remaining: number }[];
};

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * A crew's remaining budget over its current window, from its authorized payments
 * (payment_authorizations.crew_id), cumulated in the database. The window is the crew's:
 * the current UTC day or month, or since window_start for a run.
 */
export async function crewBurnDown(workspaceId: string, crewId: string): Promise<BurnDown> {
  const db = await prisma();
  const rows = await db.$queryRaw<Row[]>`
    WITH w AS (
      SELECT c.budget_micros, c.budget_window, now() AS now,
        coalesce(warden_window_start(c.budget_window, now()), c.window_start) AS window_start
      FROM crews c WHERE c.id = ${crewId} AND c.workspace_id = ${workspaceId}
    ), paid AS (
      SELECT p.created_at AS at, sum(p.amount_micros) AS amount
      FROM payment_authorizations p, w
      WHERE p.workspace_id = ${workspaceId} AND p.crew_id = ${crewId} AND p.created_at >= w.window_start AND p.created_at <= w.now
      GROUP BY p.created_at
    )
    SELECT w.budget_micros, w.budget_window, w.window_start, w.now,
      CASE w.budget_window WHEN 'day' THEN (w.window_start AT TIME ZONE 'UTC' + interval '1 day') AT TIME ZONE 'UTC'
        WHEN 'month' THEN (w.window_start AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC' END AS window_end,
      paid.at, (sum(paid.amount) OVER (ORDER BY paid.at))::bigint AS cumulative
    FROM w LEFT JOIN paid ON true
    ORDER BY paid.at`;
  const first = rows[0];
  if (!first) throw notFound(`Crew '${crewId}'`);
  const budget = first.budget_micros === null ? null : BigInt(first.budget_micros);
  const point = (at: Date | string, spent: bigint): BurnDownPoint => ({
    at: iso(at),
    spent: fromMicros(spent)!,
    remaining: budget === null ? null : fromMicros(budget > spent ? budget - spent : 0n),
  });
  const payments = rows.filter((row) => row.at !== null).map((row) => point(row.at!, BigInt(row.cumulative!)));
  const spentNow = payments.length > 0 ? BigInt(rows.at(-1)!.cumulative!) : 0n;
  const windowEnd = first.window_end === null ? null : iso(first.window_end);
  return {
    budget: fromMicros(budget),
    budget_window: first.budget_window,
    window_start: iso(first.window_start),
    window_end: windowEnd,
    now: iso(first.now),
    points: [point(first.window_start, 0n), ...payments, point(first.now, spentNow)],
    ideal: budget !== null && windowEnd ? [{ at: iso(first.window_start), remaining: fromMicros(budget)! }, { at: windowEnd, remaining: 0 }] : [],
  };
}
