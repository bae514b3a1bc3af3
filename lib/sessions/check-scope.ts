import type { Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";

const REASONS = {
  allowed: (scope: string) => `Session holds the '${scope}' scope`,
  denied: (scope: string) => `Session lacks the '${scope}' scope`,
  session_invalid: () => "Session is unknown, expired or revoked",
} as const;

/** Always answers (never throws for a bad session): every check is audited, denials flagged. */
export async function checkScope(workspaceId: string, sessionId: string, scope: string, actor: Actor) {
  const db = await prisma();
  const [row] = await db.$queryRaw<{ status: keyof typeof REASONS }[]>`
    SELECT status FROM warden_check_scope(${workspaceId}, ${sessionId}, ${scope}, ${newId("audit")}, ${actor.type}, ${actor.id})`;
  const status = row!.status;
  return { allowed: status === "allowed", session_id: sessionId, scope, reason: REASONS[status](scope) };
}
