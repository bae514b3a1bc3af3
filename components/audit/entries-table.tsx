"use client";

// The explorer's table, newest first. Each row's seq is a link to the entry's drawer (?entry=),
// so Enter opens it and the URL can be shared; a click anywhere on the row opens it too.
import { usePathname } from "next/navigation";
import type { EntryView } from "./types";
import { DecisionBadge } from "./decision-badge";
import { entryHref } from "./entry-url";

const COLUMNS = ["Seq", "Time (UTC)", "Actor", "Agent", "Session", "Tool", "Action", "Decision", "Cost", "Flag"];
const CELL = "px-2 py-2 text-sm text-slate-700";
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
              <th key={column} scope="col" className="table-head whitespace-nowrap px-2">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.entry_id} data-testid={`entry-row-${e.seq}`} className="cursor-pointer hover:bg-slate-50" onClick={() => onOpen(e.seq)}>
              <td className={`${CELL} tabular-nums`}>
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
              <td className={`${CELL} whitespace-nowrap text-xs leading-4`}>
                <time dateTime={e.timestamp} title={e.timestamp}>{e.timestamp.slice(0, 10)}<br />{e.timestamp.slice(11, 19)}</time>
              </td>
              <td className={`${CELL} max-w-[6rem] truncate text-xs`} title={`${e.actor_type}:${e.actor_id}`}>
                <span className="text-slate-500">{e.actor_type}</span><br />{e.actor_label ?? <code>{e.actor_id}</code>}
              </td>
              <td className={`${CELL} max-w-[6rem] truncate`} title={e.agent_id ?? undefined}>{e.agent_id ? <code className="text-xs">{e.agent_id}</code> : "—"}</td>
              <td className={`${CELL} max-w-[5rem] truncate`} title={e.session_id ?? undefined}>{e.session_id ? <code className="text-xs">{e.session_id}</code> : "—"}</td>
              <td className={`${CELL} max-w-[5rem] truncate`} title={e.tool}>{e.tool ? <code className="text-xs">{e.tool}</code> : "—"}</td>
              <td className={`${CELL} max-w-[11rem] truncate`} title={e.action}>{e.action}</td>
              <td className={CELL}><DecisionBadge decision={e.decision} /></td>
              <td className={`${CELL} whitespace-nowrap text-right tabular-nums`}>{e.cost_usd ? money.format(e.cost_usd) : "—"}</td>
              <td className={CELL}>
                {e.flagged ? (
                  <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800" title={e.flag_reason ?? "flagged"}>⚑<span className="sr-only"> flagged{e.flag_reason ? `: ${e.flag_reason}` : ""}</span></span>
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
