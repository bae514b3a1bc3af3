import { hashPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { hashInvitationToken } from "./invite-member";
import { joinFromInvitation } from "./join-from-invitation";

/** Finds an open invitation by its link token (for the accept page). */
export async function findOpenInvitation(token: string) {
  const db = await prisma();
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { workspace: true },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return null;
  return invitation;
}

/** Creates the invitee's account with a password and the invited membership. */
export async function acceptInvitation(input: { token: string; name?: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashInvitationToken(input.token) } });
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
      throw new AppError("not_found", "This invitation link is invalid or has expired");
    }
    if (await tx.user.findUnique({ where: { email: invitation.email } })) {
      throw new AppError("conflict", "An account with this email already exists: ask an admin to add it instead");
    }
    const user = await tx.user.create({
      data: { id: newId("user"), email: invitation.email, name: input.name ?? null, passwordHash },
    });
    await joinFromInvitation(tx, invitation, user, "link");
    return { user, workspaceId: invitation.workspaceId };
  });
}
