import { ACTOR_ID, ACTOR_TYPE, callAs, WORKSPACE, type Principal } from "@/lib/db/call-as";
import { newId } from "@/lib/ids";

const REASONS = {
  allowed: (scope: string) => `Session holds the '${scope}' scope`,
  denied: (scope: string) => `Session lacks the '${scope}' scope`,
  session_invalid: () => "Session is unknown, expired or revoked",
} as const;

/** Always answers (never throws for a bad session): every check is audited, denials flagged. */
export async function checkScope(principal: Principal, sessionId: string, scope: string) {
  const { status } = await callAs<{ status: keyof typeof REASONS }>(principal, "warden_check_scope", [
    WORKSPACE, sessionId, scope, newId("audit"), ACTOR_TYPE, ACTOR_ID,
  ]);
  return { allowed: status === "allowed", session_id: sessionId, scope, reason: REASONS[status](scope) };
}
