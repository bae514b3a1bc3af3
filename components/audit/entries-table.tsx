"use client";

// The explorer's table, newest first. Each row's seq is a link to the entry's drawer (?entry=),
// so Enter opens it and the URL can be shared; a click anywhere on the row opens it too.
import { usePathname } from "next/navigation";
import type { EntryView } from "./types";
import { DecisionBadge } from "./decision-badge";
import { entryHref } from "./entry-url";

const COLUMNS = ["Seq", "Time (UTC)", "Actor", "Agent", "Session", "Tool", "Action", "Decision", "Cost", "Flagged"];
const utc = (iso: string) => iso.replace("T", " ").slice(0, 19);
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 6 });

type Props = { entries: EntryView[]; search: string; onOpen: (seq: number) => void };

export function EntriesTable({ entries, search, onOpen }: Props) {
  const pathname = usePathname();
  return (
    <div className="card overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Audit entries">
        <thead className="bg-slate-50">
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className="table-head whitespace-nowrap px-3">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.entry_id} data-testid={`entry-row-${e.seq}`} className="cursor-pointer hover:bg-slate-50" onClick={() => onOpen(e.seq)}>
              <td className="table-cell px-3 tabular-nums">
                <a
                  href={entryHref(pathname, search, e.seq)}
                  data-entry-seq={e.seq}
                  className="font-medium text-brand-700 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                  aria-label={`Open entry seq ${e.seq}: ${e.action}`}
                  onClick={(event) => {
                    event.preventDefault();
                    event.stopPropagation();
                    onOpen(e.seq);
                  }}
                >
                  {e.seq}
                </a>
              </td>
              <td className="table-cell whitespace-nowrap px-3"><time dateTime={e.timestamp}>{utc(e.timestamp)}</time></td>
              <td className="table-cell max-w-[10rem] truncate px-3" title={`${e.actor_type}:${e.actor_id}`}>
                <span className="text-xs text-slate-500">{e.actor_type}</span> <code className="text-xs">{e.actor_id}</code>
              </td>
              <td className="table-cell max-w-[9rem] truncate px-3" title={e.agent_id ?? undefined}>{e.agent_id ? <code className="text-xs">{e.agent_id}</code> : "—"}</td>
              <td className="table-cell max-w-[8rem] truncate px-3" title={e.session_id ?? undefined}>{e.session_id ? <code className="text-xs">{e.session_id}</code> : "—"}</td>
              <td className="table-cell max-w-[8rem] truncate px-3">{e.tool ? <code className="text-xs">{e.tool}</code> : "—"}</td>
              <td className="table-cell max-w-[16rem] truncate px-3" title={e.action}>{e.action}</td>
              <td className="table-cell px-3"><DecisionBadge decision={e.decision} /></td>
              <td className="table-cell whitespace-nowrap px-3 text-right tabular-nums">{e.cost_usd ? money.format(e.cost_usd) : "—"}</td>
              <td className="table-cell px-3">
                {e.flagged ? (
                  <span className="rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800" title={e.flag_reason ?? undefined}>⚑ flagged</span>
                ) : (
                  <span className="sr-only">not flagged</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
