"use client";

import { formatBucketLong, formatMoney, type BucketUnit } from "@/components/charts/format";
import { PALETTE, StackedBarChart } from "@/components/charts/stacked-bar-chart";
import type { SpendPoint } from "@/lib/dashboard/get-agent-spend-over-time";

export function AgentSpendChart({ points, unit, periodLabel }: { points: SpendPoint[]; unit: BucketUnit; periodLabel: string }) {
  const total = points.reduce((sum, p) => sum + p.spend, 0);
  const payments = points.reduce((n, p) => n + p.payments, 0);
  const peak = points.reduce((best, p) => (p.spend > best.spend ? p : best), points[0] ?? { bucket: "", spend: 0, payments: 0 });
  const summary = total === 0
    ? `Nothing spent (${periodLabel.toLowerCase()}).`
    : `${formatMoney(total)} in ${payments} payment${payments === 1 ? "" : "s"} (${periodLabel.toLowerCase()}); highest ${formatMoney(peak.spend)} in ${formatBucketLong(peak.bucket, unit)}.`;
  return (
    <StackedBarChart
      title="Spend over time"
      summary={summary}
      points={points.map((p) => ({ bucket: p.bucket, values: { spend: p.spend } }))}
      series={[{ key: "spend", label: "Spend", color: PALETTE[0]! }]}
      unit={unit}
      format="money"
      testId="chart-agent-spend"
    />
  );
}
