"use client";

import { formatBucketLong, formatCount, formatMoney } from "@/components/charts/format";
import { PALETTE, StackedBarChart } from "@/components/charts/stacked-bar-chart";
import type { Overview } from "@/lib/dashboard/load-overview";
import type { StackedSeries } from "@/lib/dashboard/stacked-series";

const DECISION_COLORS = { ALLOW: "#16a34a", LOG: "#64748b", CONSTRAIN: "#d97706", BLOCK: "#dc2626", ESCALATE: "#7c3aed" } as const;

function spendSummary(data: StackedSeries, unit: "hour" | "day", what: string): string {
  const total = data.series.reduce((sum, s) => sum + s.total, 0);
  if (total === 0) return `Nothing was spent in this period.`;
  const peak = data.points.reduce((best, p) => {
    const sum = Object.values(p.values).reduce((a, b) => a + b, 0);
    return sum > best.sum ? { bucket: p.bucket, sum } : best;
  }, { bucket: "", sum: 0 });
  const parts = data.series.map((s) => `${s.label} ${formatMoney(s.total)}`).join(", ");
  return `${formatMoney(total)} in total by ${what}: ${parts}. Highest: ${formatMoney(peak.sum)} in ${formatBucketLong(peak.bucket, unit)}.`;
}

export function OverviewCharts({ overview }: { overview: Overview }) {
  const unit = overview.period.bucket;
  const withColors = (data: StackedSeries) => data.series.map((s, i) => ({ ...s, color: s.label === "Other" ? PALETTE[5]! : PALETTE[i % 5]! }));
  const decisionTotals = Object.keys(DECISION_COLORS).map((d) => [d, overview.decisions.reduce((n, p) => n + p[d as keyof typeof DECISION_COLORS], 0)] as const);
  const decisionCount = decisionTotals.reduce((n, [, c]) => n + c, 0);
  const decisionSummary = decisionCount === 0
    ? "No policy decisions in this period."
    : `${formatCount(decisionCount)} decisions: ${decisionTotals.map(([d, c]) => `${formatCount(c)} ${d}`).join(", ")}.`;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <StackedBarChart
        title="Spend over time by agent"
        summary={spendSummary(overview.spendByAgent, unit, "agent")}
        points={overview.spendByAgent.points}
        series={withColors(overview.spendByAgent)}
        unit={unit}
        format="money"
        testId="chart-spend-by-agent"
      />
      <StackedBarChart
        title="Spend over time by crew"
        summary={spendSummary(overview.spendByCrew, unit, "crew")}
        points={overview.spendByCrew.points}
        series={withColors(overview.spendByCrew)}
        unit={unit}
        format="money"
        testId="chart-spend-by-crew"
      />
      <div className="lg:col-span-2">
        <StackedBarChart
          title="Decisions over time by outcome"
          summary={decisionSummary}
          points={overview.decisions.map(({ bucket, ...values }) => ({ bucket, values }))}
          series={Object.entries(DECISION_COLORS).map(([key, color]) => ({ key, label: key, color }))}
          unit={unit}
          format="count"
          testId="chart-decisions"
        />
      </div>
    </div>
  );
}
