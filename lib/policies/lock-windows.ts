// The database half of an atomic policy decision: inside the decision's transaction, one call to
// warden_policy_windows locks the session, its agent and the crews of crew-wide windows (in the
// order warden_authorize_payment locks them), reads the planned windows and records this request
// in them. Every decision sharing a window waits here for the previous one to commit, in any
// number of server processes, so the counts it evaluates against are exact.
import type { Tx } from "@/lib/audit/append-events";
import type { WindowCounts, WindowPlan } from "./plan-windows";

export type LockedWindows = ({ live: true; agent_id: string } & WindowCounts) | { live: false };

export async function lockWindows(tx: Tx, input: { workspaceId: string; sessionId: string; plan: WindowPlan; recipient: string | null }): Promise<LockedWindows> {
  const { workspaceId, sessionId, plan, recipient } = input;
  const [row] = await tx.$queryRaw<{ result: LockedWindows }[]>`
    SELECT warden_policy_windows(
      ${workspaceId}, ${sessionId}, ${plan.crews}::text[],
      ${plan.hits.map((h) => h.subject)}::text[], ${plan.hits.map((h) => h.counter)}::text[], ${plan.hits.map((h) => h.seconds)}::int[],
      ${plan.paymentSubjects}::text[], ${recipient}::text, ${plan.withinMinutes}::int
    ) AS result`;
  return row!.result;
}
