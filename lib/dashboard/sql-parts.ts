// SQL shared by the dashboard queries: the period's buckets and the definitions of "spend" and
// "agent action", so every figure and chart counts the same rows.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Period } from "./period";

/** `generate_series` of the period's bucket starts (column b), so empty buckets show as zeros. */
export const bucketSeries = (period: Period) => {
  const step = `1 ${period.bucket}`;
  return Prisma.sql`SELECT generate_series(${period.from}::timestamptz, ${period.to}::timestamptz - ${step}::interval, ${step}::interval) AS b`;
};

/** The bucket start of a timestamp column, in UTC. */
export const bucketOf = (period: Period, alias: string) => Prisma.sql`date_trunc(${period.bucket}, ${Prisma.raw(alias)}.created_at, 'UTC')`;

/** Rows of alias `alias` created inside the period. */
export const inPeriod = (period: Period, alias: string) =>
  Prisma.sql`${Prisma.raw(alias)}.created_at >= ${period.from}::timestamptz AND ${Prisma.raw(alias)}.created_at < ${period.to}::timestamptz`;

/**
 * Spend, counted the way budgets count it: the amounts of authorized payments
 * (payment_authorizations, written by warden_authorize_payment in the same statement that adds
 * the amount to the session's, agent's and crew's spent_micros). Refused payments and the
 * cost_usd an agent reports when it logs an action are not spend: no budget is charged for them.
 * The crew is the one the paying session named.
 */
export const SPEND_DEFINITION =
  "Spend is what budgets count: authorized payments only. Refused payments and costs an agent reports with logged actions are not included.";

/**
 * An agent action: an audit entry made through an agent's session (by its API key, or by the
 * system on its behalf), not by a person in the browser, and not the approval workflow's own
 * entries (requested/approved/denied/expired), which repeat the decision of the action that
 * raised the request.
 */
export const agentAction = (workspaceId: string, alias = "e") => {
  const e = Prisma.raw(alias);
  return Prisma.sql`${e}.workspace_id = ${workspaceId} AND ${e}.session_id IS NOT NULL AND ${e}.actor_type <> 'user' AND ${e}.action NOT LIKE 'approval.%'`;
};

export const DECISIONS = ["ALLOW", "LOG", "CONSTRAIN", "BLOCK", "ESCALATE"] as const;
export type Decision = (typeof DECISIONS)[number];
