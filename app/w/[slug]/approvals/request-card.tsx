"use client";

import { ago, expiresIn } from "@/components/time/durations";
import { RequestContext, RequestReasons, formatAmount } from "@/components/approvals/request-facts";
import { CodeView } from "@/components/exec/code-view";
import type { EscalatedCode } from "@/lib/exec/escalated-code";
import type { ApprovalView } from "./load-queue";

type Props = {
  request: ApprovalView;
  /** The code a code_execution request would run, when found. */
  code: EscalatedCode | null;
  labels: Record<string, string>;
  now: number;
  me: string;
  canDecide: boolean;
  onReview: (request: ApprovalView) => void;
};

export const labelOf = (labels: Record<string, string>, ref: string | null) => (ref ? (labels[ref] ?? ref) : "—");

/** Why this member cannot decide this request, if so (the server enforces the same rules). */
export function blockedBecause(request: ApprovalView, me: string): string | null {
  if (request.requested_by === me) return "You raised this request: another reviewer must decide it.";
  if (request.approvals.includes(me)) return "You approved it; it needs another reviewer's approval.";
  return null;
}

/** The details minus what the code view shows (the code and its operations), so they are not listed twice. */
function withoutCode(details: unknown): unknown {
  if (typeof details !== "object" || details === null) return details;
  const { code: _code, operations: _operations, code_truncated: _truncated, ...rest } = details as Record<string, unknown>;
  return rest;
}

export function RequestCard({ request, code, labels, now, me, canDecide, onReview }: Props) {
  const titleId = `approval-title-${request.request_id}`;
  const amount = formatAmount(request.amount, request.params);
  const expiry = expiresIn(request.expires_at, now);
  const blocked = blockedBecause(request, me);
  const approvals = request.approvals.map((ref) => labelOf(labels, ref)).join(", ");
  const facts: [string, React.ReactNode][] = [
    ["Agent", <code key="agent" className="text-xs">{request.agent_id}</code>],
    ["Requested by", labelOf(labels, request.requested_by)],
    ["Raised", <time key="raised" dateTime={request.created_at} title={request.created_at}>{ago(request.created_at, now)}</time>],
    [
      "Expires",
      <time key="expires" dateTime={request.expires_at} title={request.expires_at} className={expiry.isSoon ? "font-medium text-red-700" : undefined}>
        {expiry.text}
      </time>,
    ],
    ["Approvals", <span key="approvals" data-testid="approvals-count">{`${request.approvals.length} of ${request.required_approvals}`}{approvals ? ` (${approvals})` : ""}</span>],
  ];
  return (
    <article aria-labelledby={titleId} data-testid={`approval-${request.request_id}`} className="card p-5">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={titleId} className="break-words font-semibold text-slate-900">{request.action}</h3>
          <p className="mt-0.5 text-xs text-slate-500">
            <span className="font-medium uppercase tracking-wide">{request.kind}</span>
            {request.tool ? <> · tool <code>{request.tool}</code></> : null} · <code>{request.request_id}</code>
          </p>
        </div>
        {amount ? <div className="text-xl font-semibold tabular-nums text-slate-900" data-testid="amount">{amount}</div> : null}
      </header>

      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 xl:grid-cols-5">
        {facts.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="break-words text-slate-800">{value}</dd>
          </div>
        ))}
      </dl>

      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <section aria-label="Reasons">
          <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Why it needs a reviewer</h4>
          <RequestReasons reasons={request.reasons} reason={request.reason} />
        </section>
        <section aria-label="Context">
          <RequestContext params={request.params} details={code ? withoutCode(request.details) : request.details} suggestedBy={request.suggested_by} />
        </section>
      </div>

      {code ? (
        <section aria-label="Code to run" className="mt-4">
          <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">The {code.language} code it would run</h4>
          <CodeView code={code.code} operations={code.operations} language={code.language} anchorPrefix={request.request_id} />
        </section>
      ) : null}

      {canDecide ? (
        <footer className="mt-4 flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 pt-4">
          {blocked ? <p className="text-sm text-slate-600">{blocked}</p> : null}
          <button type="button" className="btn-primary" disabled={blocked !== null} onClick={() => onReview(request)}>
            Review<span className="sr-only"> {request.action} by {request.agent_id}</span>
          </button>
        </footer>
      ) : null}
    </article>
  );
}
