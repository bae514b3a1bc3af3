"use client";

import { ago } from "@/components/time/durations";
import { formatAmount } from "@/components/approvals/request-facts";
import type { ApprovalView } from "./load-queue";
import { labelOf } from "./request-card";

const OUTCOME_STYLES: Record<string, string> = {
  approved: "bg-emerald-50 text-emerald-800",
  denied: "bg-red-50 text-red-800",
  expired: "bg-slate-100 text-slate-700",
};

type Props = { requests: ApprovalView[]; labels: Record<string, string>; now: number };

export function RecentTable({ requests, labels, now }: Props) {
  return (
    <div className="card overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200" aria-label="Recently decided">
        <thead className="bg-slate-50">
          <tr>
            {["Request", "Amount", "Outcome", "Decided by", "Note", "When"].map((column) => (
              <th key={column} className="table-head px-3">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {requests.map((r) => (
            <tr key={r.request_id} data-testid={`recent-${r.request_id}`}>
              <th scope="row" className="table-cell px-3 text-left font-normal">
                <div className="font-medium text-slate-900">{r.action}</div>
                <div className="text-xs text-slate-500">
                  {r.kind}{r.tool ? ` · ${r.tool}` : ""} · <code>{r.agent_id}</code>
                </div>
              </th>
              <td className="table-cell whitespace-nowrap px-3 tabular-nums">{formatAmount(r.amount, r.params) ?? "—"}</td>
              <td className="table-cell px-3">
                <span className={`rounded px-2 py-0.5 text-xs font-medium capitalize ${OUTCOME_STYLES[r.status] ?? ""}`} data-testid="outcome">{r.status}</span>
                <div className="mt-1 text-xs text-slate-500">{r.approvals.length} of {r.required_approvals} approvals</div>
              </td>
              <td className="table-cell px-3">
                {r.status === "expired" ? <span className="text-slate-500">nobody, in time</span> : labelOf(labels, r.decided_by)}
              </td>
              <td className="table-cell max-w-xs whitespace-pre-wrap break-words px-3" data-testid="note">
                {r.decision_note ? r.decision_note : <span className="text-slate-400">—</span>}
              </td>
              <td className="table-cell whitespace-nowrap px-3">
                {r.decided_at ? <time dateTime={r.decided_at} title={r.decided_at}>{ago(r.decided_at, now)}</time> : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
