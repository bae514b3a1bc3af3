import type { PolicyDocument } from "@/lib/policies/schemas";

export function targetLabel(target: PolicyDocument["target"]): string {
  if (target.kind === "crew") return `crew ${target.crew_id}`;
  if (target.kind === "agent") return `agent ${target.agent_id}`;
  return "all agents";
}
