import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { hashPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { parseWith } from "@/lib/http/validation";
import { CreateUserSchema, type CreateUserInput } from "./schemas";

/**
 * Creates a user with a password (or sets the password of an existing one) and makes them a
 * member of the workspace (given by slug) with the role. Used by first run and the CLI.
 */
export async function createUser(input: CreateUserInput, actor: Actor) {
  const { email, password, name, workspace: slug, role } = parseWith(CreateUserSchema, input, "body");
  const passwordHash = await hashPassword(password);
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { slug } });
    if (!workspace) throw notFound(`Workspace '${slug}'`);
    const user = await tx.user.upsert({
      where: { email },
      create: { id: newId("user"), email, name: name ?? null, passwordHash },
      update: {}, // an existing user keeps their password
    });
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } },
    });
    if (existing) throw new AppError("conflict", `${email} is already a member of '${slug}'`, { field: "email" });
    const membership = await tx.membership.create({
      data: { id: newId("membership"), workspaceId: workspace.id, userId: user.id, role },
    });
    await appendAuditEvent(tx, workspace.id, {
      actor,
      action: "member.added",
      details: { user_id: user.id, email, role },
    });
    return { user, membership, workspace };
  });
}
