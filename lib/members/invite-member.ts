import { createHash } from "node:crypto";
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import type { Role } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { newId, randomToken } from "@/lib/ids";
import { INVITATION_TTL_MS } from "./schemas";

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");

type Result = { kind: "added"; email: string } | { kind: "invited"; email: string; token: string; expiresAt: Date };

/**
 * Adds an existing user straight away; otherwise creates an invitation whose link (with a
 * token shown once) lets the invitee set a password. Warden sends no email itself.
 */
export async function inviteMember(
  workspaceId: string,
  input: { email: string; role: Role },
  actor: Actor,
): Promise<Result> {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email } });
    if (user) {
      const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: user.id } } });
      if (existing) throw new AppError("conflict", `${input.email} is already a member`, { field: "email" });
      await tx.membership.create({ data: { id: newId("membership"), workspaceId, userId: user.id, role: input.role } });
      await appendAuditEvent(tx, workspaceId, {
        actor,
        action: "member.added",
        details: { user_id: user.id, email: input.email, role: input.role },
      });
      return { kind: "added", email: input.email };
    }
    const token = randomToken(24);
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    await tx.invitation.updateMany({
      where: { workspaceId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invitation = await tx.invitation.create({
      data: {
        id: newId("invitation"),
        workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashInvitationToken(token),
        invitedBy: actor.id,
        expiresAt,
      },
    });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "member.invited",
      details: { invitation_id: invitation.id, email: input.email, role: input.role },
    });
    return { kind: "invited", email: input.email, token, expiresAt };
  });
}
