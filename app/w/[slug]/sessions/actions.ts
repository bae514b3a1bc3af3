"use server";

// Sessions: revoking one is an administrator's kill switch (workspace:manage); the revocation and
// its audit event commit together (lib/sessions/revoke-session.ts).
import { z } from "zod";
import { adminAction, userActor } from "@/lib/http/workspace-action";
import { revokeSession } from "@/lib/sessions/revoke-session";

const RevokeSchema = z.strictObject({ session_id: z.string().trim().min(1, "is required").max(64) });

const revoke = adminAction(RevokeSchema, ({ session_id }, member) => revokeSession(member.workspace.id, session_id, userActor(member)));
/** Revokes a session of the workspace; repeating it is harmless. */
export async function revokeSessionAction(slug: string, input: unknown) {
  return revoke(slug, input);
}
