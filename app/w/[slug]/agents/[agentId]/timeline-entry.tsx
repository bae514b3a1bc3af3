import { formatInstant, formatMoney } from "@/components/charts/format";
import type { LabelledEntryView } from "@/lib/audit/list-filtered-entries";

export type TimelineEntry = LabelledEntryView;

const DECISION_STYLES: Record<string, string> = {
  ALLOW: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  LOG: "bg-slate-50 text-slate-700 ring-slate-200",
  CONSTRAIN: "bg-amber-50 text-amber-800 ring-amber-200",
  BLOCK: "bg-red-50 text-red-800 ring-red-200",
  ESCALATE: "bg-violet-50 text-violet-800 ring-violet-200",
};

/** One audit entry in the agent's timeline (details shortened: the explorer shows them whole). */
export function TimelineEntryRow({ entry }: { entry: TimelineEntry }) {
  const details = JSON.stringify(entry.details);
  return (
    <li className="flex gap-4 px-4 py-3" data-testid="timeline-entry" data-seq={entry.seq}>
      <time dateTime={entry.timestamp} className="w-36 shrink-0 text-xs tabular-nums text-slate-500">{formatInstant(entry.timestamp)}</time>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <code className="text-sm font-medium text-slate-900" data-testid="entry-action">{entry.action}</code>
          {entry.tool ? <span className="text-xs text-slate-500">tool {entry.tool}</span> : null}
          {entry.decision ? (
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${DECISION_STYLES[entry.decision] ?? ""}`} data-testid="entry-decision">
              {entry.decision}
            </span>
          ) : null}
          {entry.flagged ? <span className="rounded bg-red-100 px-1.5 text-xs text-red-800">flagged{entry.flag_reason ? `: ${entry.flag_reason}` : ""}</span> : null}
          {entry.cost_usd ? <span className="text-xs tabular-nums text-slate-600">{formatMoney(entry.cost_usd)}</span> : null}
        </div>
        <p className="mt-0.5 truncate text-xs text-slate-500" title={details}>
          #{entry.seq} · {entry.session_id ?? "no session"} · by {entry.actor_label ?? entry.actor_type} {details !== "{}" ? `· ${details}` : ""}
        </p>
      </div>
    </li>
  );
}
