// Stacked chart data: rows of (bucket, key, micros) from SQL, pivoted into one point per bucket
// with a value per series. Series get synthetic keys (s0, s1, ...) because agent ids may contain
// dots, which chart libraries read as paths.
import { fromMicros } from "@/lib/money";

export type SeriesRow = { bucket: Date; key: string | null; label: string | null; micros: bigint };
export type Series = { key: string; label: string; total: number };
export type StackedSeries = { series: Series[]; points: { bucket: string; values: Record<string, number> }[] };

/** A null key is the "other" series (everything outside the top); it is listed last. */
export function pivotSeries(rows: SeriesRow[], otherLabel = "Other"): StackedSeries {
  const keys = new Map<string | null, Series>();
  const points = new Map<string, Record<string, number>>();
  const totals = new Map<string | null, bigint>();
  for (const row of rows) {
    totals.set(row.key, (totals.get(row.key) ?? 0n) + BigInt(row.micros));
    if (!keys.has(row.key)) keys.set(row.key, { key: "", label: row.key === null ? otherLabel : (row.label ?? row.key), total: 0 });
  }
  const ordered = [...keys.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : Number((totals.get(b) ?? 0n) - (totals.get(a) ?? 0n)) || a.localeCompare(b)));
  const keyOf = new Map<string | null, string>();
  const series = ordered.map(([key, s], i) => {
    keyOf.set(key, `s${i}`);
    return { ...s, key: `s${i}`, total: fromMicros(totals.get(key) ?? 0n)! };
  });
  for (const row of rows) {
    const bucket = row.bucket.toISOString();
    const values = points.get(bucket) ?? Object.fromEntries(series.map((s) => [s.key, 0]));
    values[keyOf.get(row.key)!] = fromMicros(row.micros)!;
    points.set(bucket, values);
  }
  return { series, points: [...points.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([bucket, values]) => ({ bucket, values })) };
}
