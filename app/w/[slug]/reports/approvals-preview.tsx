import { SimpleTable } from "@/components/ui/simple-table";
import type { ReportApproval } from "@/lib/reports/approvals-in-period";
import { formatCount, formatInstant, formatMoney } from "@/lib/reports/format";

export function ApprovalsPreview({ approvals, total }: { approvals: ReportApproval[]; total: number }) {
  if (approvals.length === 0) return <p className="text-sm text-slate-600">No approval requests were raised or decided in this period.</p>;
  return (
    <>
      {total > approvals.length ? (
        <p className="mb-2 text-sm text-slate-600">
          The first {formatCount(approvals.length)} of {formatCount(total)} requests, oldest first.
        </p>
      ) : null}
      <SimpleTable
        label="Approvals"
        columns={["Request", "Amount", "Outcome", "Reviewers", "When (UTC)", "Note"]}
        rows={approvals.map((a) => ({
          key: a.id,
          cells: [
            <div key="action">
              <div className="font-medium text-slate-900">{a.action}</div>
              <div className="text-xs text-slate-500">
                {a.kind}{a.tool ? ` · ${a.tool}` : ""} · <code className="whitespace-nowrap">{a.agentId}</code>
              </div>
            </div>,
            <span key="amount" className="whitespace-nowrap tabular-nums">{formatMoney(a.amount, a.currency)}</span>,
            <span key="status" className="capitalize">{a.status}</span>,
            a.reviewers.length ? (
              <ul key="reviewers" className="space-y-0.5">
                {a.reviewers.map((r) => (
                  <li key={r.reviewer}>
                    <span className="font-medium">{r.decision}</span>: <span className="break-all">{r.reviewer}</span>
                  </li>
                ))}
              </ul>
            ) : a.status === "expired" ? "nobody, in time" : "—",
            <div key="when" className="whitespace-nowrap text-xs">
              <div>requested {formatInstant(a.requestedAt, { zone: false })}</div>
              <div>decided {formatInstant(a.decidedAt, { zone: false })}</div>
            </div>,
            <span key="note" className="whitespace-pre-wrap break-words">{a.note || "—"}</span>,
          ],
        }))}
      />
    </>
  );
}
