import { getDecisionsOverTime } from "./get-decisions-over-time";
import { getOverviewFigures } from "./get-overview-figures";
import { getSpendByAgent } from "./get-spend-by-agent";
import { getSpendByCrew } from "./get-spend-by-crew";
import { listTopDenied } from "./list-top-denied";
import { listTopSpenders } from "./list-top-spenders";
import type { Period } from "./period";

/** Everything the overview shows for a period, read at one moment (`as_of`). */
export async function loadOverview(workspaceId: string, period: Period) {
  // One at a time: on the embedded database every query is serialised anyway.
  const figures = await getOverviewFigures(workspaceId, period);
  const spendByAgent = await getSpendByAgent(workspaceId, period);
  const spendByCrew = await getSpendByCrew(workspaceId, period);
  const decisions = await getDecisionsOverTime(workspaceId, period);
  const topSpenders = await listTopSpenders(workspaceId, period);
  const topDenied = await listTopDenied(workspaceId, period);
  return {
    period: { key: period.key, label: period.label, bucket: period.bucket, from: period.from.toISOString(), to: period.to.toISOString() },
    figures,
    spendByAgent,
    spendByCrew,
    decisions,
    topSpenders,
    topDenied,
    as_of: new Date().toISOString(),
  };
}
export type Overview = Awaited<ReturnType<typeof loadOverview>>;
