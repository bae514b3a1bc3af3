import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireMember } from "@/lib/auth/current-member";
import { listCrews } from "@/lib/crews/manage-crews";

export const metadata: Metadata = { title: "Crews" };
const money = (n: number | null) => (n === null ? "—" : `$${n.toFixed(2)}`);

export default async function CrewsPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const { crews } = await listCrews(member.workspace.id);
  return (
    <>
      <PageHeader title="Crews" description="Groups of agents that share one budget." />
      {crews.length === 0 ? (
        <EmptyState title="No crews yet">Create a crew with POST /api/v1/crews and name it as crew_id when agents create their sessions.</EmptyState>
      ) : (
        <SimpleTable
          label="Crews"
          columns={["Crew", "Members", "Budget", "Spent", "Remaining"]}
          rows={crews.map((c) => ({
            key: c.crew_id,
            cells: [
              <span key="n" className="font-medium">{c.name}</span>,
              c.members.join(", ") || "—",
              c.budget === null ? "none" : `${money(c.budget)} / ${c.budget_window}`,
              money(c.spent),
              money(c.remaining_budget),
            ],
          }))}
        />
      )}
    </>
  );
}
