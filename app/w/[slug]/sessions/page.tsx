import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { requireMember } from "@/lib/auth/current-member";
import { listSessions } from "@/lib/sessions/list-sessions";

export const metadata: Metadata = { title: "Sessions" };
const money = (n: number | null) => (n === null ? "—" : `$${n.toFixed(2)}`);

export default async function SessionsPage({ params }: { params: Promise<{ slug: string }> }) {
  const member = await requireMember((await params).slug);
  const sessions = await listSessions(member.workspace.id);
  return (
    <>
      <PageHeader title="Sessions" description="Scoped, time-limited sessions held by agents: the newest 100." />
      {sessions.length === 0 ? (
        <EmptyState title="No sessions yet">
          Sessions appear here when agents create them with an API key. Each one carries scopes, a spend limit and a time-to-live.
        </EmptyState>
      ) : (
        <SimpleTable
          label="Sessions"
          columns={["Session", "Agent", "Scopes", "Limit", "Spent", "Status", "Expires (UTC)"]}
          rows={sessions.map((s) => ({
            key: s.session_id,
            cells: [
              <code key="id" className="text-xs">{s.session_id}</code>,
              s.agent_id,
              <code key="s" className="text-xs">{s.scopes.join(", ")}</code>,
              money(s.spend_limit),
              money(s.spent),
              s.revoked_at ? "Revoked" : s.is_valid ? "Active" : "Expired",
              s.expires_at ? s.expires_at.slice(0, 16).replace("T", " ") : "never",
            ],
          }))}
        />
      )}
    </>
  );
}
