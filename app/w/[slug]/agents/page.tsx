import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { listAgents } from "@/lib/agents/manage-agents";
import { requireMember } from "@/lib/auth/current-member";

export const metadata: Metadata = { title: "Agents" };
const money = (n: number | null) => (n === null ? "—" : `$${n.toFixed(2)}`);

export default async function AgentsPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const { agents } = await listAgents(member.workspace.id);
  return (
    <>
      <PageHeader title="Agents" description="Every agent that works in this workspace, its budget, spend and last activity." />
      {agents.length === 0 ? (
        <EmptyState title="No agents yet">
          An agent is registered the first time one of its sessions is created through the agent API (POST /api/v1/sessions).
          Create an API key under Settings → API keys and point your agent&apos;s SDK at this server.
        </EmptyState>
      ) : (
        <SimpleTable
          label="Agents"
          columns={["Agent", "Default scopes", "Budget", "Spent", "Remaining", "Last seen (UTC)"]}
          rows={agents.map((a) => ({
            key: a.agent_id,
            cells: [
              <span key="n"><span className="font-medium">{a.display_name ?? a.agent_id}</span> <code className="text-xs text-slate-500">{a.agent_id}</code></span>,
              <code key="s" className="text-xs">{a.default_scopes.join(", ") || "—"}</code>,
              a.budget === null ? "none" : `${money(a.budget)} / ${a.budget_window}`,
              money(a.spent),
              money(a.remaining_budget),
              a.last_seen_at.slice(0, 16).replace("T", " "),
            ],
          }))}
        />
      )}
    </>
  );
}
