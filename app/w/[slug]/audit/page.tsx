import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { listRecentEvents } from "@/lib/audit/list-recent-events";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const rows = await listRecentEvents(member.workspace.id, 100);
  return (
    <>
      <PageHeader title="Audit trail" description="Every governance decision, hash-chained: the newest 100 events." />
      {rows.length === 0 ? (
        <EmptyState title="No events yet">Events are recorded as members, keys and agents act in this workspace.</EmptyState>
      ) : (
        <AuditTable rows={rows} />
      )}
    </>
  );
}
