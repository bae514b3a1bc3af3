import Link from "next/link";
import { SimpleTable } from "@/components/ui/simple-table";
import type { SessionListItem } from "@/lib/sessions/schemas";
import { money } from "../../sessions/session-cells";

const STATUS_STYLES = { active: "bg-emerald-50 text-emerald-800", expired: "bg-slate-100 text-slate-700", revoked: "bg-red-50 text-red-800" };

/** The crew's newest sessions; the Sessions page has all of them, with revocation. */
export function CrewSessions({ slug, sessions }: { slug: string; sessions: SessionListItem[] }) {
  if (sessions.length === 0) {
    return <p className="text-sm text-slate-600">No sessions yet: an agent joins this crew&apos;s budget by creating a session with its crew_id (POST /api/v1/sessions).</p>;
  }
  return (
    <SimpleTable
      label="Recent sessions of the crew"
      columns={["Agent", "Session", "Status", "Spent", "Remaining", "Created (UTC)"]}
      rows={sessions.map((s) => ({
        key: s.session_id,
        cells: [
          <Link key="a" href={`/w/${slug}/agents/${encodeURIComponent(s.agent_id)}`} className="text-brand-700 hover:underline">{s.agent_id}</Link>,
          <code key="s" className="text-xs">{s.session_id}</code>,
          <span key="st" className={`rounded px-2 py-0.5 text-xs font-medium capitalize ${STATUS_STYLES[s.status]}`}>{s.status}</span>,
          money(s.spent),
          money(s.remaining_budget, "—"),
          s.created_at.slice(0, 16).replace("T", " "),
        ],
      }))}
    />
  );
}
