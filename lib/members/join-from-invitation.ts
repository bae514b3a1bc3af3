import { appendAuditEvent, type Tx } from "@/lib/audit/append-events";
import type { Invitation } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";

/** Makes the user a member as the invitation says (unless already one) and consumes it, audited. */
export async function joinFromInvitation(
  tx: Tx,
  invitation: Invitation,
  user: { id: string; email: string },
  via: "link" | "sso",
): Promise<void> {
  const existing = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: user.id } },
  });
  if (!existing) {
    await tx.membership.create({
      data: { id: newId("membership"), workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role },
    });
  }
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
  await appendAuditEvent(tx, invitation.workspaceId, {
    actor: { type: "user", id: user.id },
    action: "member.joined",
    details: { invitation_id: invitation.id, user_id: user.id, email: user.email, role: invitation.role, via },
  });
}
