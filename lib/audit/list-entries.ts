import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toEntryView } from "./entry-view";
import type { ListAuditQuery } from "./schemas";

/** Newest first, paged by sequence number: next_cursor is the seq to continue below. */
export async function listEntries(workspaceId: string, query: z.infer<typeof ListAuditQuery>) {
  const db = await prisma();
  const where: Prisma.AuditEventWhereInput = {
    workspaceId,
    ...(query.session_id ? { sessionId: query.session_id } : {}),
    ...(query.agent_id ? { agentId: query.agent_id } : {}),
    ...(query.tool ? { tool: query.tool } : {}),
    ...(query.flagged !== undefined ? { flagged: query.flagged } : {}),
    ...(query.cursor ? { seq: { lt: BigInt(query.cursor) } } : {}),
  };
  const rows = await db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    count: page.length,
    entries: page.map(toEntryView),
    next_cursor: rows.length > query.limit ? String(page.at(-1)!.seq) : null,
  };
}
