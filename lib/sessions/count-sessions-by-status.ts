import { prisma } from "@/lib/db/client";
import type { SessionStatus } from "./schemas";
import { STATUS_COLUMN } from "./list-session-page";

type Row = Record<SessionStatus, bigint> & { now: Date };

/** How many of the workspace's sessions are active, expired and revoked, by the database's clock (returned as `now`). */
export async function countSessionsByStatus(workspaceId: string): Promise<{ counts: Record<SessionStatus, number>; now: string }> {
  const db = await prisma();
  const [row] = await db.$queryRaw<Row[]>`
    SELECT count(*) FILTER (WHERE t.status = 'active')::bigint AS active,
      count(*) FILTER (WHERE t.status = 'expired')::bigint AS expired,
      count(*) FILTER (WHERE t.status = 'revoked')::bigint AS revoked,
      now() AS now
    FROM (SELECT ${STATUS_COLUMN} AS status FROM sessions s WHERE s.workspace_id = ${workspaceId}) t`;
  return {
    counts: { active: Number(row!.active), expired: Number(row!.expired), revoked: Number(row!.revoked) },
    now: new Date(row!.now).toISOString(),
  };
}
