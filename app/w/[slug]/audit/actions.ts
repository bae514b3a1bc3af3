"use server";

// The audit trail's server actions, for any member: a page of filtered entries (the explorer's
// and the agent timeline's infinite lists).
import { z } from "zod";
import { AuditFilterSchema } from "@/lib/audit/audit-filter";
import { listFilteredEntries } from "@/lib/audit/list-filtered-entries";
import { workspaceAction } from "@/lib/http/workspace-action";

const PageSchema = z.strictObject({
  filter: z.record(z.string(), z.string()).default({}).pipe(AuditFilterSchema),
  cursor: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

const entriesPage = workspaceAction({ schema: PageSchema, permission: "read" }, ({ filter, cursor, limit }, member) =>
  listFilteredEntries(member.workspace.id, filter, { cursor, limit }),
);
/** Input: { filter: search-parameter strings, cursor?: seq to continue below, limit? }. */
export async function auditEntriesAction(slug: string, input: unknown) {
  return entriesPage(slug, input);
}
