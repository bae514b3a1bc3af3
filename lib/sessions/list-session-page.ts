import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseWith } from "@/lib/http/validation";
import { fromMicros } from "@/lib/money";
import { encodeKeysetCursor } from "@/lib/http/keyset-cursor";
import { SessionListQuerySchema, type SessionListItem, type SessionListQuery, type SessionStatus } from "./schemas";

type Row = {
  id: string;
  agent_id: string;
  crew_id: string | null;
  crew_name: string | null;
  scopes: string[];
  spend_limit_micros: bigint | null;
  spent_micros: bigint;
  status: SessionStatus;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  now: Date;
};

/** Which sessions a status means, against the database's clock (alias `s`). */
export function statusCondition(status: SessionStatus): Prisma.Sql {
  if (status === "revoked") return Prisma.sql`s.revoked_at IS NOT NULL`;
  if (status === "expired") return Prisma.sql`s.revoked_at IS NULL AND s.expires_at <= now()`;
  return Prisma.sql`s.revoked_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > now())`;
}

export const STATUS_COLUMN = Prisma.sql`CASE WHEN s.revoked_at IS NOT NULL THEN 'revoked'
  WHEN s.expires_at <= now() THEN 'expired' ELSE 'active' END`;

const iso = (value: Date | string) => new Date(value).toISOString();

function toItem(row: Row): SessionListItem {
  const limit = row.spend_limit_micros === null ? null : BigInt(row.spend_limit_micros);
  const spent = BigInt(row.spent_micros);
  return {
    session_id: row.id,
    agent_id: row.agent_id,
    crew_id: row.crew_id,
    crew_name: row.crew_name,
    scopes: row.scopes,
    spend_limit: fromMicros(limit),
    spent: fromMicros(spent)!,
    remaining_budget: limit === null ? null : fromMicros(limit > spent ? limit - spent : 0n),
    status: row.status,
    created_at: iso(row.created_at),
    expires_at: row.expires_at === null ? null : iso(row.expires_at),
    revoked_at: row.revoked_at === null ? null : iso(row.revoked_at),
  };
}

/**
 * One page of a workspace's sessions, newest first, optionally of one status and one crew.
 * Keyset pagination on (created_at, id): `next_cursor` continues below the page's last row,
 * so rows created meanwhile never shift a page. `now` is the database's clock, which decided
 * the statuses (countdowns start from it).
 */
export async function listSessionPage(workspaceId: string, query: SessionListQuery) {
  const { status, crew_id, cursor, limit } = parseWith(SessionListQuerySchema, query, "query");
  const db = await prisma();
  const filters = [Prisma.sql`s.workspace_id = ${workspaceId}`];
  if (status) filters.push(statusCondition(status));
  if (crew_id) filters.push(Prisma.sql`s.crew_id = ${crew_id}`);
  if (cursor) filters.push(Prisma.sql`(s.created_at, s.id) < (${cursor.createdAt}::timestamptz, ${cursor.id})`);
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.id, s.agent_id, s.crew_id, c.name AS crew_name, s.scopes, s.spend_limit_micros, s.spent_micros,
      ${STATUS_COLUMN} AS status, s.created_at, s.expires_at, s.revoked_at, now() AS now
    FROM sessions s LEFT JOIN crews c ON c.id = s.crew_id AND c.workspace_id = s.workspace_id
    WHERE ${Prisma.join(filters, " AND ")}
    ORDER BY s.created_at DESC, s.id DESC
    LIMIT ${limit + 1}`;
  const sessions = rows.slice(0, limit).map(toItem);
  const last = sessions.at(-1);
  return {
    sessions,
    next_cursor: rows.length > limit && last ? encodeKeysetCursor(last.created_at, last.session_id) : null,
  };
}
