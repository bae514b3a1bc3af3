import { appendAuditEvent, type Actor, type Tx } from "@/lib/audit/append-events";
import { Role } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";

async function ensureAnotherAdmin(tx: Tx, workspaceId: string, membershipId: string) {
  const admins = await tx.membership.count({ where: { workspaceId, role: Role.ADMIN, id: { not: membershipId } } });
  if (admins === 0) throw new AppError("conflict", "A workspace must keep at least one admin");
}

export async function changeMemberRole(workspaceId: string, input: { membershipId: string; role: Role }, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: input.membershipId, workspaceId }, include: { user: true } });
    if (!member) throw notFound("Member");
    if (member.role === input.role) return member;
    // Lock the workspace's admins so two concurrent demotions cannot both pass the check.
    await tx.$queryRaw`SELECT id FROM memberships WHERE workspace_id = ${workspaceId} AND role = 'ADMIN' FOR UPDATE`;
    if (member.role === Role.ADMIN) await ensureAnotherAdmin(tx, workspaceId, member.id);
    const updated = await tx.membership.update({ where: { id: member.id }, data: { role: input.role } });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "member.role_changed",
      details: { user_id: member.userId, email: member.user.email, from: member.role, to: input.role },
    });
    return updated;
  });
}

export async function removeMember(workspaceId: string, input: { membershipId: string }, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM memberships WHERE workspace_id = ${workspaceId} AND role = 'ADMIN' FOR UPDATE`;
    const member = await tx.membership.findFirst({ where: { id: input.membershipId, workspaceId }, include: { user: true } });
    if (!member) throw notFound("Member");
    if (member.role === Role.ADMIN) await ensureAnotherAdmin(tx, workspaceId, member.id);
    await tx.membership.delete({ where: { id: member.id } });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "member.removed",
      details: { user_id: member.userId, email: member.user.email, role: member.role },
    });
    return { removed: true };
  });
}

export async function revokeInvitation(workspaceId: string, input: { invitationId: string }, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: input.invitationId, workspaceId, acceptedAt: null } });
    if (!invitation) throw notFound("Invitation");
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "member.invitation_revoked",
      details: { invitation_id: invitation.id, email: invitation.email },
    });
    return { revoked: true };
  });
}
