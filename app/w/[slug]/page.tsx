import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { listRecentEvents } from "@/lib/audit/list-recent-events";
import { workspaceSummary } from "@/lib/workspaces/workspace-summary";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const [summary, recent] = await Promise.all([workspaceSummary(member.workspace.id), listRecentEvents(member.workspace.id, 10)]);
  const stats = [
    { label: "Members", value: summary.members, href: "settings/members" },
    { label: "Active API keys", value: summary.activeKeys, href: "settings/api-keys" },
    { label: "Audit events", value: summary.auditEvents, href: "audit" },
  ];
  return (
    <>
      <PageHeader title={member.workspace.name} description="What your agents did, spent and are waiting on." />
      <div className="mb-8 grid grid-cols-1 gap-4 sm:grid-cols-3">
        {stats.map((stat) => (
          <Link key={stat.label} href={`/w/${member.workspace.slug}/${stat.href}`} className="card p-5 hover:border-brand-500">
            <div className="text-sm text-slate-500">{stat.label}</div>
            <div className="mt-1 text-3xl font-semibold tabular-nums">{stat.value}</div>
          </Link>
        ))}
      </div>
      <h2 className="mb-3 text-lg font-semibold">Recent activity</h2>
      <AuditTable rows={recent} />
    </>
  );
}
