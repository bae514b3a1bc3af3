"use server";

// The overview's live figures and charts for a period, for any member (permission read); the
// period is validated like the page's search parameters.
import { loadOverview } from "@/lib/dashboard/load-overview";
import { PeriodSchema, resolvePeriod } from "@/lib/dashboard/period";
import { workspaceAction } from "@/lib/http/workspace-action";

const overview = workspaceAction({ schema: PeriodSchema, permission: "read" }, (input, member) =>
  loadOverview(member.workspace.id, resolvePeriod(input)),
);
/** Input: the period's search parameters ({period} or {from, to}). */
export async function overviewAction(slug: string, input: unknown) {
  return overview(slug, input);
}
