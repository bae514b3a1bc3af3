// Who is signed in, and as what, in the workspace named by the URL. The role is read from the
// database on every request, so a role change or removal takes effect immediately.
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authOptions } from "./auth-options";
import type { Role } from "./roles";

export type MemberContext = {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  workspace: { id: string; slug: string; name: string };
};

export async function currentUserId(): Promise<string | null> {
  const session = (await getServerSession(authOptions())) as { userId?: string } | null;
  return session?.userId ?? null;
}

async function findMember(userId: string, slug: string): Promise<MemberContext | null> {
  const db = await prisma();
  const membership = await db.membership.findFirst({
    where: { userId, workspace: { slug } },
    include: { user: true, workspace: true },
  });
  if (!membership) return null;
  return {
    userId,
    email: membership.user.email,
    name: membership.user.name,
    role: membership.role,
    workspace: { id: membership.workspace.id, slug: membership.workspace.slug, name: membership.workspace.name },
  };
}

/** For pages: redirects to sign-in when signed out; 404 when not a member of the workspace. */
export async function requireMember(slug: string): Promise<MemberContext> {
  const userId = await currentUserId();
  if (!userId) {
    // Set by proxy.ts for /w/... pages; the workspace root is the fallback.
    const requested = (await headers()).get("x-warden-path") ?? `/w/${slug}`;
    redirect(`/signin?callbackUrl=${encodeURIComponent(requested)}`);
  }
  const member = await findMember(userId, slug);
  if (!member) notFound();
  return member;
}

/** For server actions and dashboard API routes: throws typed errors instead of redirecting. */
export async function memberOrThrow(slug: string): Promise<MemberContext> {
  const userId = await currentUserId();
  if (!userId) throw new AppError("unauthorized", "Sign in to continue");
  const member = await findMember(userId, slug);
  if (!member) throw new AppError("not_found", "Workspace not found");
  return member;
}

/** Workspaces the user belongs to, for the switcher and the root redirect. */
export async function userWorkspaces(userId: string) {
  const db = await prisma();
  const memberships = await db.membership.findMany({
    where: { userId },
    include: { workspace: true },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ slug: m.workspace.slug, name: m.workspace.name, role: m.role }));
}
