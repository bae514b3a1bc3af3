import type { z } from "zod";
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { fromMicros, toMicros } from "@/lib/money";
import type { AnomalyRulesSchema } from "./schemas";

type Rules = { maxCostPerActionMicros: bigint | null; maxActionsPerMinute: number | null; flagDeniedChecks: boolean };

export const toRulesView = (r: Rules) => ({
  max_cost_per_action: fromMicros(r.maxCostPerActionMicros),
  max_actions_per_minute: r.maxActionsPerMinute,
  flag_denied_checks: r.flagDeniedChecks,
});

export async function getAnomalyRules(workspaceId: string) {
  const db = await prisma();
  const rules = await db.anomalyRules.findUnique({ where: { workspaceId } });
  return toRulesView(rules ?? { maxCostPerActionMicros: null, maxActionsPerMinute: null, flagDeniedChecks: true });
}

/** Updates the fields given; omitted fields keep their value, null clears a threshold. */
export async function setAnomalyRules(workspaceId: string, input: z.infer<typeof AnomalyRulesSchema>, actor: Actor) {
  const db = await prisma();
  const data = {
    ...(input.max_cost_per_action !== undefined ? { maxCostPerActionMicros: input.max_cost_per_action === null ? null : toMicros(input.max_cost_per_action) } : {}),
    ...(input.max_actions_per_minute !== undefined ? { maxActionsPerMinute: input.max_actions_per_minute } : {}),
    ...(input.flag_denied_checks !== undefined ? { flagDeniedChecks: input.flag_denied_checks } : {}),
    updatedAt: new Date(),
  };
  return db.$transaction(async (tx) => {
    const rules = await tx.anomalyRules.upsert({ where: { workspaceId }, create: { workspaceId, ...data }, update: data });
    const view = toRulesView(rules);
    await appendAuditEvent(tx, workspaceId, { actor, action: "anomaly_rules.updated", details: view });
    return view;
  });
}
