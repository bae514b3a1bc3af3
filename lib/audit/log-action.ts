import type { Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { toMicros } from "@/lib/money";
import type { LogActionInput } from "./schemas";

type Row = { status: "logged" | "session_invalid"; entry_id: string; flagged: boolean; flag_reason: string | null };

/** Appends an agent's action to the chain in one database call; the session must be live. */
export async function logAction(workspaceId: string, input: LogActionInput, actor: Actor) {
  const db = await prisma();
  const [row] = await db.$queryRaw<Row[]>`
    SELECT status, entry_id, flagged, flag_reason FROM warden_log_action(
      ${workspaceId}, ${input.session_id}, ${newId("audit")}, ${actor.type}, ${actor.id}, ${input.tool},
      ${input.action}, ${toMicros(input.cost_usd)}, ${JSON.stringify(input.details)}::jsonb,
      ${input.suggested_by ?? null}, ${input.decision ?? null})`;
  if (row!.status === "session_invalid") {
    throw new AppError("unauthorized", "Session is unknown, expired or revoked", { session_id: input.session_id });
  }
  return { logged: true, entry_id: row!.entry_id, flagged: row!.flagged, flag_reason: row!.flag_reason };
}
