import { ACTOR_ID, ACTOR_TYPE, callAs, WORKSPACE, type Principal } from "@/lib/db/call-as";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { toMicros } from "@/lib/money";
import type { LogActionInput } from "./schemas";

type Row = { status: "logged" | "session_invalid"; entry_id: string; flagged: boolean; flag_reason: string | null };

/** Appends an agent's action to the chain in one database call; the session must be live. */
export async function logAction(principal: Principal, input: LogActionInput) {
  const row = await callAs<Row>(principal, "warden_log_action", [
    WORKSPACE, input.session_id, newId("audit"), ACTOR_TYPE, ACTOR_ID, input.tool, input.action,
    toMicros(input.cost_usd).toString(), JSON.stringify(input.details), input.suggested_by ?? null, input.decision ?? null,
  ]);
  if (row.status === "session_invalid") {
    throw new AppError("unauthorized", "Session is unknown, expired or revoked", { session_id: input.session_id });
  }
  return { logged: true, entry_id: row.entry_id, flagged: row.flagged, flag_reason: row.flag_reason };
}
