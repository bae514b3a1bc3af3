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
        columns={["Requested (UTC)", "Agent", "Action", "Amount", "Outcome", "Reviewers", "Decided (UTC)", "Note"]}
        rows={approvals.map((a) => ({
          key: a.id,
          cells: [
            <span key="at" className="whitespace-nowrap">{formatInstant(a.requestedAt, { zone: false })}</span>,
            <code key="agent">{a.agentId}</code>,
            <div key="action">
              <div className="font-medium text-slate-900">{a.action}</div>
              <div className="text-xs text-slate-500">{a.kind}{a.tool ? ` · ${a.tool}` : ""}</div>
            </div>,
            <span key="amount" className="whitespace-nowrap tabular-nums">{formatMoney(a.amount, a.currency)}</span>,
            <span key="status" className="capitalize">{a.status}</span>,
            a.reviewers.length ? (
              <ul key="reviewers" className="space-y-0.5">
                {a.reviewers.map((r) => (
                  <li key={r.reviewer}>
                    <span className="font-medium">{r.decision}</span>: {r.reviewer}
                  </li>
                ))}
              </ul>
            ) : a.status === "expired" ? "nobody, in time" : "—",
            <span key="decided" className="whitespace-nowrap">{formatInstant(a.decidedAt, { zone: false })}</span>,
            <span key="note" className="whitespace-pre-wrap break-words">{a.note || "—"}</span>,
          ],
        }))}
      />
    </>
  );
}
