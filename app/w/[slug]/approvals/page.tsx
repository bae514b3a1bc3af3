import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { ApprovalsClient } from "./approvals-client";
import { loadQueue } from "./load-queue";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const queue = await loadQueue(member.workspace.id);
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Actions a policy escalated or an agent asked about, waiting for a reviewer. The agent is told the decision and your note."
      />
      <ApprovalsClient
        slug={member.workspace.slug}
        initial={queue}
        me={`user:${member.userId}`}
        canDecide={roleCan(member.role, "approvals:decide")}
      />
    </>
  );
}
