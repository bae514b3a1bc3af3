import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toCodeRunItem } from "./code-run-view";
import { encodeKeysetCursor } from "@/lib/http/keyset-cursor";
import type { CodeRunFilters, ResultFilter } from "./run-schemas";

function resultCondition(result: ResultFilter): Prisma.CodeRunWhereInput {
  if (result === "pending") return { resultStatus: null };
  if (result === "reported") return { resultStatus: { not: null } };
  return { resultStatus: result };
}

/**
 * One page of a workspace's code runs, newest first. Keyset paging on (created_at, id):
 * `next_cursor` continues below the page's last run, so runs evaluated meanwhile never shift a page.
 * The filters come parsed by ListCodeRunsQuery (the API's query string, the page's URL).
 */
export async function listCodeRuns(workspaceId: string, query: CodeRunFilters) {
  const and: Prisma.CodeRunWhereInput[] = [{ workspaceId }];
  if (query.agent_id) and.push({ agentId: query.agent_id });
  if (query.suggested_by) and.push({ suggestedBy: query.suggested_by });
  if (query.decision) and.push({ decision: query.decision });
  if (query.language) and.push({ language: query.language });
  if (query.result) and.push(resultCondition(query.result));
  if (query.from) and.push({ createdAt: { gte: query.from } });
  if (query.to) and.push({ createdAt: { lte: query.to } });
  const cursor = query.cursor;
  if (cursor) and.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });

  const db = await prisma();
  const rows = await db.codeRun.findMany({ where: { AND: and }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const executions = rows.slice(0, query.limit).map(toCodeRunItem);
  const last = executions.at(-1);
  return {
    count: executions.length,
    executions,
    next_cursor: rows.length > query.limit && last ? encodeKeysetCursor(last.created_at, last.receipt_id) : null,
  };
}
