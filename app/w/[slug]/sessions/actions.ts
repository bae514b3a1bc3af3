"use server";

// Sessions: revoking one is an administrator's kill switch (workspace:manage); the revocation and
// its audit event commit together (lib/sessions/revoke-session.ts). Any member reads the list.
import { z } from "zod";
import { adminAction, userActor, workspaceAction } from "@/lib/http/workspace-action";
import { listSessionPage } from "@/lib/sessions/list-session-page";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { SessionStatusSchema } from "@/lib/sessions/schemas";

const RevokeSchema = z.strictObject({ session_id: z.string().trim().min(1, "is required").max(64) });

const revoke = adminAction(RevokeSchema, ({ session_id }, member) => revokeSession(member.workspace.id, session_id, userActor(member)));
/** Revokes a session of the workspace; repeating it is harmless. */
export async function revokeSessionAction(slug: string, input: unknown) {
  return revoke(slug, input);
}

// The cursor's own format is checked by listSessionPage (400 naming "cursor").
const PageSchema = z.strictObject({
  status: SessionStatusSchema.optional(),
  crew_id: z.string().max(64).optional(),
  cursor: z.string().max(200).optional(),
});

const page = workspaceAction({ schema: PageSchema, permission: "read" }, (input, member) => listSessionPage(member.workspace.id, input));
/** The next page of the Sessions list ("Load more"), below the given cursor. */
export async function listSessionsAction(slug: string, input: unknown) {
  return page(slug, input);
}
