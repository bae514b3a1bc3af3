import { Sidebar } from "@/components/shell/sidebar";
import { countPending } from "@/lib/approvals/count-pending";
import { requireMember, userWorkspaces } from "@/lib/auth/current-member";
import { ROLE_LABELS, roleCan, rolePermissions } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const member = await requireMember(slug);
  const canDecide = roleCan(member.role, "approvals:decide");
  const [workspaces, pending] = await Promise.all([
    userWorkspaces(member.userId),
    canDecide ? countPending(member.workspace.id) : Promise.resolve(null),
  ]);
  return (
    <div className="flex min-h-screen">
      <Sidebar
        workspace={member.workspace}
        workspaces={workspaces}
        user={{ email: member.email, name: member.name, roleLabel: ROLE_LABELS[member.role] }}
        permissions={rolePermissions(member.role)}
        pendingApprovals={pending}
      />
      <main className="min-w-0 flex-1 px-8 py-8">{children}</main>
    </div>
  );
}
