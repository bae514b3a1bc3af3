import type { Metadata } from "next";
import Link from "next/link";
import { formatInstant, formatMoney } from "@/components/charts/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SimpleTable } from "@/components/ui/simple-table";
import { listAgentStatuses } from "@/lib/agents/list-agent-statuses";
import { requireMember } from "@/lib/auth/current-member";
import { periodFromSearchParams } from "@/lib/dashboard/period";
import { SPEND_DEFINITION } from "@/lib/dashboard/sql-parts";
import { PeriodError, PeriodSelector } from "../_overview/period-selector";
import { agentHref } from "../_overview/top-agents";
import { StatusBadge } from "./status-badge";

export const metadata: Metadata = { title: "Agents" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgentsPage({ params, searchParams }: Props) {
  const member = await requireMember((await params).slug);
  const { period, error } = periodFromSearchParams(await searchParams);
  const agents = await listAgentStatuses(member.workspace.id, period);
  const slug = member.workspace.slug;
  return (
    <>
      <PageHeader title="Agents" description="Every agent that works in this workspace: status, spend in the period, budget and last action." />
      <div className="mb-4">
        <PeriodSelector key={JSON.stringify(period.params)} current={{ key: period.key, label: period.label, params: period.params, from: period.from.toISOString(), to: period.to.toISOString() }} />
      </div>
      <PeriodError error={error} fallback={period.label} />
      {agents.length === 0 ? (
        <EmptyState title="No agents yet">
          An agent is registered the first time one of its sessions is created through the agent API (POST /api/v1/sessions).
          Create an API key under <Link href={`/w/${slug}/settings/api-keys`} className="text-brand-700 underline">Settings → API keys</Link> and
          point your agent&apos;s SDK at this server.
        </EmptyState>
      ) : (
        <>
          <SimpleTable
            label="Agents"
            columns={["Agent", "Status", `Spend (${period.label.toLowerCase()})`, "Budget", "Remaining", "Last action"]}
            rows={agents.map((a) => ({
              key: a.agent_id,
              cells: [
                <Link key="n" href={agentHref(slug, a.agent_id)} className="font-medium text-brand-700 hover:underline" data-testid="agent-link">
                  {a.display_name ?? a.agent_id}
                  {a.display_name ? <code className="ml-1 text-xs text-slate-500">{a.agent_id}</code> : null}
                </Link>,
                <span key="s" className="flex items-center gap-2">
                  <StatusBadge status={a.status} />
                  {a.live_sessions > 0 ? <span className="text-xs text-slate-500">{a.live_sessions} live session{a.live_sessions === 1 ? "" : "s"}</span> : null}
                </span>,
                <span key="p" className="tabular-nums">{formatMoney(a.period_spend)}</span>,
                a.budget === null ? "none" : `${formatMoney(a.budget)} / ${a.budget_window}`,
                <span key="r" className="tabular-nums">{a.remaining_budget === null ? "—" : formatMoney(a.remaining_budget)}</span>,
                a.last_action === null ? (
                  <span key="l" className="text-slate-500">no actions yet</span>
                ) : (
                  <span key="l">
                    <code className="text-xs">{a.last_action.action}</code>
                    <span className="block text-xs text-slate-500">{formatInstant(a.last_action.at)}</span>
                  </span>
                ),
              ],
            }))}
          />
          <p className="mt-2 text-xs text-slate-500">{SPEND_DEFINITION} Remaining is the budget less what its current window has spent.</p>
        </>
      )}
    </>
  );
}
