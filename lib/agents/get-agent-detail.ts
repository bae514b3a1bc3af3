import { prisma } from "@/lib/db/client";
import { fromMicros } from "@/lib/money";
import { spentInWindow, toAgentView } from "./agent-view";

/** The agent with its budget and the crews it belongs to (with their budgets), or null. */
export async function getAgentDetail(workspaceId: string, agentId: string) {
  const db = await prisma();
  const agent = await db.agent.findUnique({
    where: { workspaceId_agentId: { workspaceId, agentId } },
    include: { crews: { include: { crew: true }, orderBy: { crew: { name: "asc" } } } },
  });
  if (!agent) return null;
  const crews = agent.crews.map(({ crew }) => {
    const spent = spentInWindow(crew);
    return {
      crew_id: crew.id,
      name: crew.name,
      budget: fromMicros(crew.budgetMicros),
      budget_window: crew.budgetWindow,
      spent: fromMicros(spent)!,
      remaining_budget: crew.budgetMicros === null ? null : fromMicros(crew.budgetMicros > spent ? crew.budgetMicros - spent : 0n),
    };
  });
  return { ...toAgentView(agent), crews };
}
export type AgentDetail = NonNullable<Awaited<ReturnType<typeof getAgentDetail>>>;
