import Link from "next/link";
import type { PeriodPreset } from "@/lib/reports/report-period";

type Props = { action: string; from: string; to: string; presets: PeriodPreset[] };

/** A plain GET form: the period lives in the URL, so a report's page can be bookmarked and shared. */
export function PeriodForm({ action, from, to, presets }: Props) {
  return (
    <section aria-label="Period" className="card mb-6 flex flex-wrap items-end gap-4 p-4">
      {/* Keyed by the period: a preset link navigates on the client, and uncontrolled inputs would keep the old dates. */}
      <form key={`${from}/${to}`} action={action} method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="report-from" className="label">From (UTC)</label>
          <input id="report-from" name="from" type="date" required defaultValue={from} className="input" />
        </div>
        <div>
          <label htmlFor="report-to" className="label">To (UTC, included)</label>
          <input id="report-to" name="to" type="date" required defaultValue={to} className="input" />
        </div>
        <button type="submit" className="btn-primary">Show report</button>
      </form>
      <nav aria-label="Period presets" className="flex flex-wrap gap-2">
        {presets.map((preset) => {
          const isCurrent = preset.from === from && preset.to === to;
          return (
            <Link
              key={preset.label}
              href={`${action}?${new URLSearchParams({ from: preset.from, to: preset.to })}`}
              aria-current={isCurrent ? "true" : undefined}
              className={isCurrent ? "btn-secondary border-brand-500 bg-brand-50 text-brand-700" : "btn-secondary"}
            >
              {preset.label}
            </Link>
          );
        })}
      </nav>
    </section>
  );
}
