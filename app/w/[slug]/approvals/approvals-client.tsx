"use client";

import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { ApprovalQueue, ApprovalView } from "./load-queue";
import { RecentTable } from "./recent-table";
import { RequestCard } from "./request-card";
import { ReviewForm } from "./review-form";
import { useServerNow } from "@/components/time/use-server-now";
import { POLL_MS, useApprovalQueue } from "./use-queue";

type Props = { slug: string; initial: ApprovalQueue; me: string; canDecide: boolean };

export function ApprovalsClient({ slug, initial, me, canDecide }: Props) {
  const queue = useApprovalQueue(slug, initial);
  const { pending, recent, labels, code } = queue.data;
  const now = useServerNow(queue.data.now, queue.dataUpdatedAt);
  // A snapshot: the dialog stays open (and the server answers) even if the request leaves the queue meanwhile.
  const [reviewing, setReviewing] = useState<ApprovalView | null>(null);
  const close = () => setReviewing(null);

  return (
    <div className="space-y-8">
      {canDecide ? null : (
        <p className="card px-5 py-4 text-sm text-slate-600" data-testid="read-only-note">
          Only reviewers and admins decide requests. You can follow the queue and the decisions here.
        </p>
      )}

      <section aria-labelledby="pending-title">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="pending-title" className="font-semibold">Waiting for a decision</h2>
          <p className="text-xs text-slate-500" aria-live="polite" data-testid="pending-count">
            {pending.length === 1 ? "1 request" : `${pending.length} requests`} · live, refreshed every {POLL_MS / 1000} s
            {queue.isError ? <span className="ml-1 text-red-700">· updates paused: {queue.error.message}</span> : null}
          </p>
        </div>
        {pending.length === 0 ? (
          <EmptyState title="Nothing is waiting for a decision">
            Requests appear here, without reloading, when a published policy answers an agent&apos;s POST /api/v1/evaluate with ESCALATE
            (e.g. a payment above <code>escalate_above</code>), or when an agent asks for a human decision itself with
            POST /api/v1/approvals/request. The agent learns the outcome with GET /api/v1/approvals/&lt;id&gt;?wait=30.
          </EmptyState>
        ) : (
          <div className="space-y-4">
            {pending.map((request) => (
              <RequestCard key={request.request_id} request={request} code={code[request.request_id] ?? null} labels={labels} now={now} me={me} canDecide={canDecide} onReview={setReviewing} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="recent-title">
        <h2 id="recent-title" className="mb-3 font-semibold">Recently decided</h2>
        {recent.length === 0 ? (
          <p className="text-sm text-slate-600">No decisions yet: approved, denied and expired requests are listed here, newest first.</p>
        ) : (
          <RecentTable requests={recent} labels={labels} now={now} />
        )}
      </section>

      <ModalDialog isOpen={reviewing !== null} title={reviewing ? `Review: ${reviewing.action}` : ""} onClose={close}>
        {reviewing ? <ReviewForm key={reviewing.request_id} slug={slug} request={reviewing} now={now} onDone={close} /> : null}
      </ModalDialog>
    </div>
  );
}
