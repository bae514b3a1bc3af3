import { appendAuditEvent } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";

/**
 * For single sign-on: the identity provider vouches for the email, so open invitations for it
 * are accepted (creating a password-less user if needed). Returns the local user or null.
 */
export async function acceptPendingInvitations(rawEmail: string, name: string | null) {
  const email = rawEmail.trim().toLowerCase();
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const invitations = await tx.invitation.findMany({
      where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    });
    let user = await tx.user.findUnique({ where: { email } });
    if (!user && invitations.length === 0) return null;
    user ??= await tx.user.create({ data: { id: newId("user"), email, name } });
    for (const invitation of invitations) {
      const member = await tx.membership.findUnique({
        where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: user.id } },
      });
      if (!member) {
        await tx.membership.create({
          data: { id: newId("membership"), workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role },
        });
      }
      await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
      await appendAuditEvent(tx, invitation.workspaceId, {
        actor: { type: "user", id: user.id },
        action: "member.joined",
        details: { invitation_id: invitation.id, user_id: user.id, email, role: invitation.role, via: "sso" },
      });
    }
    return user;
  });
}
