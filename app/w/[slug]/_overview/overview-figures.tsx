import Link from "next/link";
import { formatCount, formatMoney } from "@/components/charts/format";
import type { OverviewFigures } from "@/lib/dashboard/get-overview-figures";

type Figure = { key: keyof OverviewFigures; label: string; hint: string; href?: string; money?: boolean };

const FIGURES: Figure[] = [
  { key: "actions", label: "Actions", hint: "made by agents' sessions in the period", href: "audit" },
  { key: "spend", label: "Spend", hint: "authorized payments, as budgets count them", money: true },
  { key: "blocked", label: "Blocked", hint: "actions with decision BLOCK", href: "audit?decision=BLOCK" },
  { key: "escalated", label: "Escalated", hint: "actions with decision ESCALATE", href: "audit?decision=ESCALATE" },
  { key: "pending_approvals", label: "Pending approvals", hint: "waiting for a reviewer now", href: "approvals" },
  { key: "active_sessions", label: "Active sessions", hint: "unrevoked and unexpired now", href: "sessions" },
];

export function OverviewFiguresGrid({ slug, figures }: { slug: string; figures: OverviewFigures }) {
  return (
    <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6" aria-label="Figures">
      {FIGURES.map((f) => {
        const value = f.money ? formatMoney(figures[f.key]) : formatCount(figures[f.key]);
        const body = (
          <>
            <dt className="text-sm text-slate-500">{f.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`figure-${f.key}`}>{value}</dd>
            <dd className="mt-1 text-xs text-slate-500">{f.hint}</dd>
          </>
        );
        return f.href ? (
          <Link key={f.key} href={`/w/${slug}/${f.href}`} className="card block p-4 hover:border-brand-500">{body}</Link>
        ) : (
          <div key={f.key} className="card p-4">{body}</div>
        );
      })}
    </dl>
  );
}
