"use client";

// The decision dialog's form: a note and Approve or Deny. The request leaves the queue at once
// when the decision is final (the next poll confirms it); a refusal (separation of duties,
// already decided, expired) is a toast and stays in the dialog.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { expiresIn } from "@/components/time/durations";
import { formatAmount } from "@/components/approvals/request-facts";
import { decideApprovalAction } from "./actions";
import type { ApprovalQueue, ApprovalView } from "./load-queue";
import { queueKey } from "./use-queue";

type Decision = "approve" | "deny";
type Props = { slug: string; request: ApprovalView; now: number; onDone: () => void };

function successMessage(request: ApprovalView, decision: Decision, status: string) {
  const what = `${request.action} by ${request.agent_id}`;
  if (decision === "deny") return `Denied ${what}`;
  if (status === "pending") return `Your approval of ${what} is recorded: it needs one more reviewer`;
  return `Approved ${what}`;
}

export function ReviewForm({ slug, request, now, onDone }: Props) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (input: { decision: Decision; note: string }) => decideApprovalAction(slug, { request_id: request.request_id, ...input }),
    onSuccess: (result, { decision }) => {
      void queryClient.invalidateQueries({ queryKey: queueKey(slug) });
      if (!result.ok) {
        setError(result.error);
        toast.error(result.error);
        return;
      }
      if (result.data.status !== "pending") {
        queryClient.setQueryData<ApprovalQueue>(queueKey(slug), (queue) =>
          queue ? { ...queue, pending: queue.pending.filter((r) => r.request_id !== request.request_id) } : queue,
        );
      }
      toast.success(successMessage(request, decision, result.data.status));
      onDone();
    },
    onError: () => {
      setError("Could not reach the server; please try again");
      toast.error("Could not reach the server; please try again");
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const decision: Decision = submitter?.getAttribute("value") === "deny" ? "deny" : "approve";
    mutation.mutate({ decision, note: String(new FormData(event.currentTarget).get("note") ?? "") });
  }

  const amount = formatAmount(request.amount, request.params);
  const expiry = expiresIn(request.expires_at, now);
  return (
    <form onSubmit={onSubmit}>
      <fieldset disabled={mutation.isPending} className="space-y-4">
        <p className="text-sm text-slate-700">
          <code className="text-xs">{request.agent_id}</code> wants to <strong>{request.action}</strong>
          {amount ? <> for <strong>{amount}</strong></> : null}
          {request.tool ? <> with <code className="text-xs">{request.tool}</code></> : null}. {request.reason}
        </p>
        <p className="text-xs text-slate-500">
          Approvals so far: {request.approvals.length} of {request.required_approvals} · expires{" "}
          <span className={expiry.isSoon ? "font-medium text-red-700" : undefined} data-testid="dialog-expiry">{expiry.text}</span>
        </p>
        <div>
          <label htmlFor="decision-note" className="label">Note</label>
          <textarea
            id="decision-note"
            name="note"
            rows={3}
            maxLength={2000}
            className="input"
            aria-describedby="decision-note-hint"
            data-autofocus
          />
          <p id="decision-note-hint" className="mt-1 text-xs text-slate-500">Optional. Recorded in the audit trail and returned to the agent with the decision.</p>
        </div>
        {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
        <div className="flex flex-wrap justify-end gap-2 pt-1">
          <button type="button" className="btn-secondary" onClick={onDone}>Cancel</button>
          <button type="submit" name="decision" value="deny" className="btn-danger">{mutation.isPending && mutation.variables?.decision === "deny" ? "Denying…" : "Deny"}</button>
          <button type="submit" name="decision" value="approve" className="btn-primary">{mutation.isPending && mutation.variables?.decision === "approve" ? "Approving…" : "Approve"}</button>
        </div>
      </fieldset>
    </form>
  );
}
