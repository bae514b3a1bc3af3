import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { joinFromInvitation } from "./join-from-invitation";

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
    for (const invitation of invitations) await joinFromInvitation(tx, invitation, user, "sso");
    return user;
  });
}
