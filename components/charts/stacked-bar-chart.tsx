"use client";

// A stacked bar chart over time buckets (Recharts), with an accessible name and a text summary
// for screen readers and anyone who prefers numbers to bars.
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBucket, formatBucketLong, formatCount, formatMoney, type BucketUnit } from "./format";

export type ChartSeries = { key: string; label: string; color: string };
export type ChartPoint = { bucket: string; values: Record<string, number> };

type Props = {
  title: string;
  summary: string;
  points: ChartPoint[];
  series: ChartSeries[];
  unit: BucketUnit;
  format: "money" | "count";
  testId?: string;
};

export const PALETTE = ["#4f46e5", "#0891b2", "#16a34a", "#d97706", "#db2777", "#94a3b8"];

export function StackedBarChart({ title, summary, points, series, unit, format, testId }: Props) {
  const titleId = useId();
  const formatValue = format === "money" ? formatMoney : formatCount;
  const data = points.map((p) => ({ bucket: p.bucket, ...p.values }));
  return (
    <figure className="card p-4" aria-labelledby={titleId} data-testid={testId}>
      <figcaption>
        <h3 id={titleId} className="text-sm font-semibold text-slate-900">{title}</h3>
        <p className="mt-1 text-xs text-slate-600" data-testid="chart-summary">{summary}</p>
      </figcaption>
      <div className="mt-3 h-56" role="img" aria-label={`${title}. ${summary}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="bucket" tickFormatter={(v: string) => formatBucket(v, unit)} tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis tickFormatter={(v: number) => (format === "money" ? `$${v}` : String(v))} tick={{ fontSize: 11 }} width={48} allowDecimals={format === "money"} />
            <Tooltip
              labelFormatter={(v) => formatBucketLong(String(v), unit)}
              formatter={(value, name) => [formatValue(Number(value)), String(name)]}
            />
            {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
