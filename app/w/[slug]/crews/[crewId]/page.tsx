import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatCount } from "@/components/charts/format";
import { PageHeader } from "@/components/ui/page-header";
import { requireMember } from "@/lib/auth/current-member";
import { roleCan } from "@/lib/auth/roles";
import { listAgents } from "@/lib/agents/manage-agents";
import { crewAgentBreakdown } from "@/lib/crews/crew-agent-breakdown";
import { crewBurnDown } from "@/lib/crews/crew-burn-down";
import { getCrew } from "@/lib/crews/manage-crews";
import { CrewParams } from "@/lib/crews/schemas";
import { AppError } from "@/lib/errors";
import { listSessionPage } from "@/lib/sessions/list-session-page";
import { BudgetProgress } from "../budget-progress";
import { BurnDownSection } from "./burn-down-section";
import { CrewSessions } from "./crew-sessions";
import { EditBudgetDialog } from "./edit-budget-dialog";
import { MembersSection } from "./members-section";

export const metadata: Metadata = { title: "Crew" };

type Props = { params: Promise<{ slug: string; crewId: string }> };

async function crewOrNotFound(workspaceId: string, crewId: string) {
  if (!CrewParams.safeParse({ id: crewId }).success) notFound();
  try {
    return await getCrew(workspaceId, crewId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function CrewPage({ params }: Props) {
  const { slug, crewId } = await params;
  const member = await requireMember(slug);
  const workspaceId = member.workspace.id;
  const crew = await crewOrNotFound(workspaceId, crewId);
  const burn = await crewBurnDown(workspaceId, crew.crew_id);
  const breakdown = await crewAgentBreakdown(workspaceId, crew.crew_id);
  const { sessions } = await listSessionPage(workspaceId, { crew_id: crew.crew_id, limit: 10 });
  const canManage = roleCan(member.role, "workspace:manage");
  const candidates = canManage ? (await listAgents(workspaceId)).agents.map((a) => a.agent_id).filter((id) => !crew.members.includes(id)) : [];
  const base = `/w/${member.workspace.slug}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`${base}/crews`} className="text-brand-700 hover:underline">Crews</Link> <span aria-hidden="true">/</span> {crew.name}
      </nav>
      <PageHeader title={crew.name} description={crew.description ?? undefined}>
        {canManage ? <EditBudgetDialog slug={member.workspace.slug} crewId={crew.crew_id} budget={crew.budget} tokenBudget={crew.token_budget} window={crew.budget_window} /> : null}
      </PageHeader>
      {canManage ? null : <p className="mb-4 text-sm text-slate-600" data-testid="read-only-note">Only admins can change budgets and members.</p>}
      <div className="space-y-8">
        <section aria-labelledby="budget-title" className="card space-y-5 p-5">
          <h2 id="budget-title" className="font-semibold">Budget</h2>
          <BudgetProgress id="crew-budget" spent={crew.spent ?? 0} budget={crew.budget} window={crew.budget_window} windowStart={burn.window_start} />
          <p className="text-sm text-slate-600" data-testid="crew-tokens">
            LLM tokens through the gateway: <span className="font-medium tabular-nums text-slate-900">{formatCount(crew.tokens_used)}</span> used
            {crew.token_budget === null ? " · no token budget" : ` of ${formatCount(crew.token_budget)}`}
          </p>
          <BurnDownSection burn={burn} />
        </section>
        <section aria-labelledby="members-title">
          <h2 id="members-title" className="mb-3 font-semibold">Members and spend by agent</h2>
          <MembersSection slug={member.workspace.slug} crewId={crew.crew_id} crewName={crew.name} rows={breakdown} candidates={candidates} canManage={canManage} />
        </section>
        <section aria-labelledby="sessions-title">
          <div className="mb-3 flex items-baseline justify-between">
            <h2 id="sessions-title" className="font-semibold">Recent sessions</h2>
            <Link href={`${base}/sessions`} className="text-sm text-brand-700 hover:underline">All sessions</Link>
          </div>
          <CrewSessions slug={member.workspace.slug} sessions={sessions} />
        </section>
      </div>
    </>
  );
}
