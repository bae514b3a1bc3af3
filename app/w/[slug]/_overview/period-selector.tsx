"use client";

// Chooses the dashboards' period: preset links and a from/to range, kept in the URL (other
// search parameters, such as a timeline's filters, are kept).
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { PRESETS, type Period } from "@/lib/dashboard/period";

const LABELS: Record<(typeof PRESETS)[number], string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days", "90d": "90 days" };

type Props = { current: Pick<Period, "key" | "label" | "params"> & { from: string; to: string } };

export function PeriodSelector({ current }: Props) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const lastDay = new Date(Date.parse(current.to) - 1).toISOString().slice(0, 10);
  const [from, setFrom] = useState(current.params.from ?? current.from.slice(0, 10));
  const [to, setTo] = useState(current.params.to ?? lastDay);

  const hrefWith = (period: Record<string, string>) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const key of ["period", "from", "to"]) next.delete(key);
    for (const [key, value] of Object.entries(period)) next.set(key, value);
    return `${pathname}?${next.toString()}`;
  };

  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="period-selector">
      <nav aria-label="Period" className="flex gap-1">
        {PRESETS.map((preset) => (
          <Link
            key={preset}
            href={hrefWith({ period: preset })}
            aria-current={current.key === preset ? "page" : undefined}
            className={current.key === preset ? "btn-primary" : "btn-secondary"}
            scroll={false}
          >
            {LABELS[preset]}
          </Link>
        ))}
      </nav>
      <form
        className="flex items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          router.push(hrefWith({ from, to }), { scroll: false });
        }}
      >
        <div>
          <label htmlFor="period-from" className="label">From</label>
          <input id="period-from" type="date" className="input" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </div>
        <div>
          <label htmlFor="period-to" className="label">To</label>
          <input id="period-to" type="date" className="input" value={to} onChange={(e) => setTo(e.target.value)} required />
        </div>
        <button type="submit" className="btn-secondary">Apply</button>
      </form>
    </div>
  );
}

/** The inline error for a period the URL got wrong: names the field, says what is shown instead. */
export function PeriodError({ error, fallback }: { error: { field: string; message: string } | null; fallback: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="period-error">
      {error.message}. Showing {fallback.toLowerCase()} instead.
    </p>
  );
}
