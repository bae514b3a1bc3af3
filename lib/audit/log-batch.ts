import type { Actor } from "@/lib/audit/append-events";
import { sql } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { toMicros } from "@/lib/money";
import type { LogActionInput } from "./schemas";

type Row = { status: "logged" | "session_invalid"; first_seq: string | null; last_seq: string | null; flagged_count: number; bad_session: string | null };

/** Appends up to 1,000 events in one database call, all or nothing. */
export async function logBatch(workspaceId: string, events: LogActionInput[], actor: Actor) {
  const ids = events.map(() => newId("audit"));
  const payload = events.map((e, i) => ({
    id: ids[i],
    session_id: e.session_id,
    tool: e.tool,
    action: e.action,
    decision: e.decision ?? null,
    cost_micros: toMicros(e.cost_usd).toString(),
    details: e.details,
    suggested_by: e.suggested_by ?? null,
  }));
  const [row] = await sql<Row>(
    `SELECT status, first_seq::text, last_seq::text, flagged_count, bad_session
     FROM warden_append_audit_batch($1, $2, $3, $4::jsonb)`,
    [workspaceId, actor.type, actor.id, JSON.stringify(payload)],
  );
  if (row!.status === "session_invalid") {
    throw new AppError("unauthorized", `Session '${row!.bad_session}' is unknown, expired or revoked: nothing was logged`, {
      session_id: row!.bad_session,
    });
  }
  return { logged: true, count: events.length, entry_ids: ids, flagged_count: row!.flagged_count, first_seq: Number(row!.first_seq), last_seq: Number(row!.last_seq) };
}
