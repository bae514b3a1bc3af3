"use client";

import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import type { SessionListItem, SessionStatus } from "@/lib/sessions/schemas";
import { useServerNow } from "@/components/time/use-server-now";
import { listSessionsAction } from "./actions";
import { RevokeDialog } from "./revoke-dialog";
import { AgentCell, CrewCell, money, ScopesCell, TimeCell } from "./session-cells";

type Page = { sessions: SessionListItem[]; next_cursor: string | null };
type Props = { slug: string; status: SessionStatus; initial: Page; serverNow: string; canRevoke: boolean };

const TIME_COLUMN: Record<SessionStatus, string> = { active: "Time left", expired: "Expired", revoked: "Revoked" };

export function SessionsClient({ slug, status, initial, serverNow, canRevoke }: Props) {
  const [rows, setRows] = useState(initial.sessions);
  const [cursor, setCursor] = useState(initial.next_cursor);
  const [receivedAt] = useState(() => Date.now());
  const now = useServerNow(serverNow, receivedAt);
  const [revoking, setRevoking] = useState<SessionListItem | null>(null);
  const more = useServerAction(
    (input: { status: SessionStatus; cursor: string }) => listSessionsAction(slug, input),
    (page) => {
      setRows((current) => [...current, ...page.sessions]);
      setCursor(page.next_cursor);
    },
    { refresh: false },
  );
  const hasRevoke = canRevoke && status === "active";
  const columns = ["Agent", "Crew", "Scopes", "Spend limit", "Spent", "Remaining", TIME_COLUMN[status], ...(hasRevoke ? ["Actions"] : [])];

  return (
    <>
      <div className="card overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200" aria-label={`${status[0]!.toUpperCase()}${status.slice(1)} sessions`}>
          <thead className="bg-slate-50">
            <tr>{columns.map((c) => <th key={c} className="table-head px-3">{c}</th>)}</tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((s) => (
              <tr key={s.session_id} data-testid={`session-${s.session_id}`}>
                <th scope="row" className="table-cell px-3 text-left font-normal"><AgentCell slug={slug} session={s} /></th>
                <td className="table-cell px-3"><CrewCell slug={slug} session={s} /></td>
                <td className="table-cell px-3"><ScopesCell scopes={s.scopes} /></td>
                <td className="table-cell whitespace-nowrap px-3 tabular-nums">{money(s.spend_limit)}</td>
                <td className="table-cell whitespace-nowrap px-3 tabular-nums">{money(s.spent)}</td>
                <td className="table-cell whitespace-nowrap px-3 tabular-nums" data-testid="remaining">{money(s.remaining_budget, "—")}</td>
                <td className="table-cell whitespace-nowrap px-3"><TimeCell session={s} now={now} /></td>
                {hasRevoke ? (
                  <td className="table-cell px-3">
                    <button type="button" className="btn-secondary text-red-700" onClick={() => setRevoking(s)} aria-label={`Revoke ${s.agent_id}'s session ${s.session_id}`}>
                      Revoke
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-4 flex items-center gap-3 text-sm text-slate-600">
        <span aria-live="polite">{rows.length === 1 ? "1 session shown" : `${rows.length} sessions shown`}, newest first</span>
        {cursor ? (
          <button type="button" className="btn-secondary" disabled={more.isPending} onClick={() => more.run({ status, cursor })}>
            {more.isPending ? "Loading…" : "Load more"}
          </button>
        ) : null}
      </div>
      {canRevoke ? <RevokeDialog slug={slug} session={revoking} onClose={() => setRevoking(null)} /> : null}
    </>
  );
}
