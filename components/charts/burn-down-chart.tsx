"use client";

// A budget burn-down: remaining budget over the window (a step after each payment) and, for
// day and month windows, the ideal straight line to zero at the window's end. The figure has
// an accessible name and a text summary; the points are also listed in a table.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type BurnDownChartProps = {
  title: string;
  summary: string;
  windowStart: string;
  windowEnd: string | null;
  now: string;
  points: { at: string; remaining: number }[];
  ideal: { at: string; remaining: number }[];
};

const usd = (n: number) => `$${n.toFixed(2)}`;

function timeFormatter(spanMs: number) {
  const options: Intl.DateTimeFormatOptions = spanMs <= 2 * 86_400_000
    ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }
    : { month: "short", day: "numeric", timeZone: "UTC" };
  const format = new Intl.DateTimeFormat("en-GB", options);
  return (t: number) => format.format(new Date(t));
}

export function BurnDownChart({ title, summary, windowStart, windowEnd, now, points, ideal }: BurnDownChartProps) {
  const start = Date.parse(windowStart);
  const end = Date.parse(windowEnd ?? now);
  const tick = timeFormatter(end - start);
  const remaining = points.map((p) => ({ t: Date.parse(p.at), remaining: p.remaining }));
  const idealLine = ideal.map((p) => ({ t: Date.parse(p.at), ideal: p.remaining }));
  return (
    <figure aria-label={title} data-testid="burn-down-chart">
      <div role="img" aria-label={`${title}. ${summary}`} className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="t" type="number" scale="time" domain={[start, Math.max(end, start + 1)]} tickFormatter={tick} fontSize={12} allowDuplicatedCategory={false} />
            <YAxis tickFormatter={(v: number) => `$${v}`} fontSize={12} width={64} domain={[0, "auto"]} />
            <Tooltip labelFormatter={(t) => `${new Date(Number(t)).toISOString().slice(0, 19).replace("T", " ")} UTC`} formatter={(v) => usd(Number(v))} />
            <Legend />
            <Line data={remaining} dataKey="remaining" name="Remaining" type="stepAfter" stroke="#4f46e5" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
            {idealLine.length > 0 ? (
              <Line data={idealLine} dataKey="ideal" name="Ideal" type="linear" stroke="#94a3b8" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
            ) : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-sm text-slate-600" data-testid="burn-down-summary">{summary}</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700">The chart&apos;s points as a table</summary>
        <table className="mt-2 min-w-full text-left" aria-label="Burn-down points">
          <thead><tr><th className="table-head px-2">Time (UTC)</th><th className="table-head px-2">Remaining</th></tr></thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={`${p.at}-${i}`} data-testid="burn-down-point">
                <td className="px-2 py-1 tabular-nums">{p.at.slice(0, 19).replace("T", " ")}</td>
                <td className="px-2 py-1 tabular-nums">{usd(p.remaining)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
