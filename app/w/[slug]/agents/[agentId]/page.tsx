import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunsTable } from "@/components/exec/runs-table";
import { PageHeader } from "@/components/ui/page-header";
import { getAgentDetail } from "@/lib/agents/get-agent-detail";
import { listAgentSessions } from "@/lib/agents/list-agent-sessions";
import { listApplyingPolicies } from "@/lib/agents/list-applying-policies";
import { AuditFilterSchema } from "@/lib/audit/audit-filter";
import { listFilteredEntries } from "@/lib/audit/list-filtered-entries";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { listCodeRuns } from "@/lib/exec/list-code-runs";
import { ListCodeRunsQuery } from "@/lib/exec/run-schemas";
import { getAgentSpendOverTime } from "@/lib/dashboard/get-agent-spend-over-time";
import { periodFromSearchParams } from "@/lib/dashboard/period";
import { zodToAppError } from "@/lib/http/validation";
import { PeriodError, PeriodSelector } from "../../_overview/period-selector";
import { AgentSpendChart } from "./agent-spend-chart";
import { AgentSummary } from "./agent-summary";
import { ApplyingPolicies } from "./applying-policies";
import { SessionsPanel } from "./sessions-panel";
import { Timeline } from "./timeline";
import { TimelineFilters } from "./timeline-filters";
import { TIMELINE_FILTERS, TIMELINE_PAGE } from "./timeline-options";

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  return { title: `Agent ${decoded((await params).agentId)}` };
}

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ slug: string; agentId: string }>; searchParams: Promise<SearchParams> };

/** The timeline's filter from the URL: always this agent; a bad field is reported and dropped. */
function timelineFilter(agentId: string, search: SearchParams) {
  const chosen = Object.fromEntries(TIMELINE_FILTERS.map((key) => [key, [search[key]].flat()[0] ?? ""])) as Record<(typeof TIMELINE_FILTERS)[number], string>;
  const raw = { agent: agentId, ...Object.fromEntries(Object.entries(chosen).filter(([, v]) => v !== "")) };
  const parsed = AuditFilterSchema.safeParse(raw);
  if (parsed.success) return { chosen, raw, filter: parsed.data, error: null };
  const error = zodToAppError(parsed.error, "query");
  return { chosen, raw: { agent: agentId }, filter: AuditFilterSchema.parse({ agent: agentId }), error: error.message };
}

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Next may hand the segment over still percent-encoded (ids with '#', '?', '%'): try it as given, then decoded. */
async function findAgent(workspaceId: string, segment: string) {
  const agent = await getAgentDetail(workspaceId, segment);
  if (agent || decoded(segment) === segment) return agent;
  return getAgentDetail(workspaceId, decoded(segment));
}

export default async function AgentPage({ params, searchParams }: Props) {
  const { slug, agentId } = await params;
  const member = await requireMember(slug);
  const workspaceId = member.workspace.id;
  const agent = await findAgent(workspaceId, agentId);
  if (!agent) notFound();
  const search = await searchParams;
  const { period, error: periodError } = periodFromSearchParams(search);
  const timeline = timelineFilter(agent.agent_id, search);
  const spend = await getAgentSpendOverTime(workspaceId, agent.agent_id, period);
  const sessions = await listAgentSessions(workspaceId, agent.agent_id);
  const policies = await listApplyingPolicies(workspaceId, agent.agent_id);
  const firstPage = await listFilteredEntries(workspaceId, timeline.filter, { limit: TIMELINE_PAGE });
  const executions = await listCodeRuns(workspaceId, ListCodeRunsQuery.parse({ agent_id: agent.agent_id, limit: "5" }));
  const ws = member.workspace.slug;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm"><Link href={`/w/${ws}/agents`} className="text-brand-700 hover:underline">Agents</Link></nav>
      <PageHeader title={agent.display_name ?? agent.agent_id} description={agent.display_name ? `Agent ${agent.agent_id}` : "Agent"} />
      <div className="space-y-6">
        <AgentSummary slug={ws} agent={agent} />
        <section aria-label="Spend" className="space-y-3">
          <PeriodSelector key={JSON.stringify(period.params)} current={{ key: period.key, label: period.label, params: period.params, from: period.from.toISOString(), to: period.to.toISOString() }} />
          <PeriodError error={periodError} fallback={period.label} />
          <AgentSpendChart points={spend} unit={period.bucket} periodLabel={period.label} />
        </section>
        <section className="card overflow-x-auto" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">Sessions</h2>
          <SessionsPanel slug={ws} sessions={sessions} canRevoke={roleCan(member.role, "workspace:manage")} now={new Date().toISOString()} />
        </section>
        <section className="card" aria-labelledby="policies-heading">
          <h2 id="policies-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">Policies that apply</h2>
          <ApplyingPolicies slug={ws} policies={policies} />
        </section>
        <section className="card overflow-x-auto" aria-labelledby="executions-heading">
          <div className="flex items-baseline justify-between border-b border-slate-200 px-4 py-3">
            <h2 id="executions-heading" className="font-semibold">Executions</h2>
            <Link href={`/w/${ws}/executions?${new URLSearchParams({ agent_id: agent.agent_id })}`} className="text-sm text-brand-700 hover:underline">All executions of this agent</Link>
          </div>
          {executions.count ? <RunsTable slug={ws} runs={executions.executions} /> : <p className="px-4 py-6 text-sm text-slate-500">No code evaluated yet: the agent asks through POST /api/v1/exec/evaluate.</p>}
        </section>
        <section className="card" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">Audit timeline</h2>
          <TimelineFilters key={JSON.stringify(timeline.chosen)} initial={timeline.chosen} />
          {timeline.error ? <p role="alert" className="mx-4 mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="filter-error">{timeline.error}. Showing every entry of this agent instead.</p> : null}
          <Timeline key={JSON.stringify(timeline.raw)} slug={ws} filter={timeline.raw} initial={firstPage} />
        </section>
      </div>
    </>
  );
}
