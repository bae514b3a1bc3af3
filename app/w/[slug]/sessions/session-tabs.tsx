import Link from "next/link";
import type { SessionStatus } from "@/lib/sessions/schemas";

export const STATUS_TABS: { status: SessionStatus; label: string }[] = [
  { status: "active", label: "Active" },
  { status: "expired", label: "Expired" },
  { status: "revoked", label: "Revoked" },
];

/** The status tabs: links (?status=...), so a status is a URL that can be shared and reloaded. */
export function SessionTabs({ slug, current, counts }: { slug: string; current: SessionStatus; counts: Record<SessionStatus, number> }) {
  return (
    <nav aria-label="Session status" className="mb-4 flex gap-1 border-b border-slate-200">
      {STATUS_TABS.map((tab) => {
        const isActive = tab.status === current;
        return (
          <Link
            key={tab.status}
            href={`/w/${slug}/sessions?status=${tab.status}`}
            aria-current={isActive ? "page" : undefined}
            data-testid={`tab-${tab.status}`}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${
              isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {tab.label} <span className="ml-1 rounded bg-slate-100 px-1.5 text-xs tabular-nums text-slate-600">{counts[tab.status]}</span>
          </Link>
        );
      })}
    </nav>
  );
}
