"use server";

// The Approvals page's server actions: the queue it polls (any member) and a reviewer's
// decision (approvals:decide, i.e. reviewers and admins). Separation of duties, the two-person
// rule and expiry are the domain's: decideApproval refuses with 403 or 409 and a message.
import { z } from "zod";
import { decideApproval } from "@/lib/approvals/manage-approvals";
import { ApprovalIdParams } from "@/lib/approvals/schemas";
import { userActor, workspaceAction } from "@/lib/http/workspace-action";
import { loadQueue } from "./load-queue";

const queue = workspaceAction({ schema: z.strictObject({}), permission: "read" }, (_input, member) => loadQueue(member.workspace.id));
export async function approvalQueueAction(slug: string) {
  return queue(slug, {});
}

const DecideSchema = z.strictObject({
  request_id: ApprovalIdParams.shape.id,
  decision: z.enum(["approve", "deny"]),
  note: z.string().trim().max(2000).default(""),
});

const decide = workspaceAction({ schema: DecideSchema, permission: "approvals:decide" }, async ({ request_id, decision, note }, member) => {
  const result = await decideApproval(member.workspace.id, request_id, decision, note, userActor(member));
  return { request_id, decision, status: result.status };
});
/** Approve or deny a pending request with an optional note, as the signed-in member. */
export async function decideApprovalAction(slug: string, input: unknown) {
  return decide(slug, input);
}
