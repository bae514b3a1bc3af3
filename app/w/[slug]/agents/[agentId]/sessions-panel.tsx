"use client";

// The agent's sessions; admins can revoke a live one (after confirming), which takes effect on
// the agent's next call (the Sessions page's dialog).
import { useState } from "react";
import { formatInstant, formatMoney } from "@/components/charts/format";
import type { SessionView } from "@/lib/sessions/schemas";
import { RevokeDialog } from "../../sessions/revoke-dialog";

type Props = { slug: string; sessions: SessionView[]; canRevoke: boolean; now: string };

function ttlLeft(session: SessionView, now: number): string {
  if (session.revoked_at) return `revoked ${formatInstant(session.revoked_at)}`;
  if (!session.expires_at) return "until revoked";
  const seconds = Math.floor((Date.parse(session.expires_at) - now) / 1000);
  if (seconds <= 0) return "expired";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min` : `${seconds} s`;
}

const status = (s: SessionView) => (s.revoked_at ? "Revoked" : s.is_valid ? "Active" : "Expired");

export function SessionsPanel({ slug, sessions, canRevoke, now }: Props) {
  const [confirming, setConfirming] = useState<SessionView | null>(null);
  if (sessions.length === 0) return <p className="px-4 py-6 text-sm text-slate-500">No sessions yet: the agent gets one from POST /api/v1/sessions.</p>;
  const at = Date.parse(now);
  return (
    <>
      <table className="min-w-full divide-y divide-slate-100" aria-label="Sessions">
        <thead className="bg-slate-50">
          <tr>
            {["Session", "Status", "Spent / limit", "Remaining", "Time left", ...(canRevoke ? [""] : [])].map((c, i) => (
              <th key={i} className="table-head">{c || <span className="sr-only">Actions</span>}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sessions.map((s) => (
            <tr key={s.session_id} data-testid="session-row" data-session-id={s.session_id}>
              <td className="table-cell"><code className="text-xs">{s.session_id}</code><span className="block text-xs text-slate-500">{s.scopes.join(", ")}</span></td>
              <td className="table-cell" data-testid="session-status">{status(s)}</td>
              <td className="table-cell tabular-nums">{formatMoney(s.spent)} / {s.spend_limit === null ? "no limit" : formatMoney(s.spend_limit)}</td>
              <td className="table-cell tabular-nums">{s.remaining_budget === null ? "—" : formatMoney(s.remaining_budget)}</td>
              <td className="table-cell">{ttlLeft(s, at)}</td>
              {canRevoke ? (
                <td className="table-cell text-right">
                  {s.is_valid ? (
                    <button type="button" className="btn-secondary" aria-label={`Revoke session ${s.session_id}`} onClick={() => setConfirming(s)}>
                      Revoke
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canRevoke ? <RevokeDialog slug={slug} session={confirming} onClose={() => setConfirming(null)} /> : null}
    </>
  );
}
