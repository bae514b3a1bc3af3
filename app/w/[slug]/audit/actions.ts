"use server";

// The audit trail's server actions, for any member: a page of filtered entries (the explorer's
// and the agent timeline's infinite lists), one entry for the explorer's drawer, and "Verify
// now": chunk by chunk, then an audit.verified event recording what the server verified.
import { z } from "zod";
import { AuditFilterSchema } from "@/lib/audit/audit-filter";
import { listFilteredEntries } from "@/lib/audit/list-filtered-entries";
import { finishVerification } from "@/lib/audit/verify-finish";
import { SignedProgressSchema } from "@/lib/audit/verify-receipt";
import { VERIFY_CHUNK_MAX, verifyNextChunk } from "@/lib/audit/verify-step";
import { userActor, workspaceAction } from "@/lib/http/workspace-action";
import { loadEntry } from "./load-explorer";

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

const entry = workspaceAction({ schema: z.strictObject({ seq: z.number().int().min(1) }), permission: "read" }, ({ seq }, member) =>
  loadEntry(member.workspace.id, seq),
);
/** Input: { seq }. The workspace's entry with that seq, or null. */
export async function auditEntryAction(slug: string, input: unknown) {
  return entry(slug, input);
}

const ChunkSchema = z.strictObject({
  previous: SignedProgressSchema.nullable().default(null),
  size: z.number().int().min(1).max(VERIFY_CHUNK_MAX).default(2_000),
});
const chunk = workspaceAction({ schema: ChunkSchema, permission: "read" }, ({ previous, size }, member) =>
  verifyNextChunk(member.workspace.id, { previous, size }),
);
/** Input: { previous: the last answer's progress (null to start), size? }. The next chunk's signed progress and the head seq. */
export async function verifyChunkAction(slug: string, input: unknown) {
  return chunk(slug, input);
}

const finish = workspaceAction({ schema: z.strictObject({ previous: SignedProgressSchema.nullable() }), permission: "read" }, ({ previous }, member) =>
  finishVerification(member.workspace.id, userActor(member), previous),
);
/** Input: { previous: the last chunk's progress }. Checks the rest and the chain head, records audit.verified. */
export async function finishVerificationAction(slug: string, input: unknown) {
  return finish(slug, input);
}
