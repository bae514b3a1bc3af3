import type { Metadata } from "next";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { listMembers } from "@/lib/members/list-members";
import { MembersClient } from "./members-client";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const { members, invitations } = await listMembers(member.workspace.id);
  return (
    <MembersClient
      slug={member.workspace.slug}
      members={members}
      invitations={invitations}
      currentUserId={member.userId}
      canManage={roleCan(member.role, "workspace:manage")}
    />
  );
}
