import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { encodeKeysetCursor } from "@/lib/http/keyset-cursor";
import { fromMicros } from "@/lib/money";
import type { ListGatewayCallsQueryParsed } from "./schemas";

type CallRow = Awaited<ReturnType<Awaited<ReturnType<typeof prisma>>["gatewayCall"]["findFirstOrThrow"]>>;

function toCallItem(c: CallRow) {
  return {
    id: c.id,
    key_id: c.keyId,
    session_id: c.sessionId,
    agent_id: c.agentId,
    crew_id: c.crewId,
    model: c.model,
    stream: c.stream,
    status: c.status,
    decision: c.decision,
    prompt_tokens: c.promptTokens,
    completion_tokens: c.completionTokens,
    cost: fromMicros(c.costMicros)!,
    reserved_tokens: c.reservedTokens,
    reserved_cost: fromMicros(c.reservedMicros)!,
    latency_ms: c.latencyMs,
    receipt_id: c.receiptId,
    created_at: c.createdAt.toISOString(),
  };
}

/** A page of calls, newest first, by key and/or agent; next_cursor continues below its last row. */
export async function listGatewayCalls(workspaceId: string, query: ListGatewayCallsQueryParsed) {
  const db = await prisma();
  const below = query.cursor
    ? { OR: [{ createdAt: { lt: query.cursor.createdAt } }, { createdAt: query.cursor.createdAt, id: { lt: query.cursor.id } }] }
    : {};
  const rows = await db.gatewayCall.findMany({
    where: { workspaceId, ...(query.key_id ? { keyId: query.key_id } : {}), ...(query.agent_id ? { agentId: query.agent_id } : {}), ...below },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    count: page.length,
    calls: page.map(toCallItem),
    next_cursor: rows.length > query.limit && last ? encodeKeysetCursor(last.createdAt.toISOString(), last.id) : null,
  };
}

/** One call with its reasons, tool-call decisions and (when the workspace stores them) bodies. */
export async function getGatewayCall(workspaceId: string, id: string) {
  const db = await prisma();
  const call = await db.gatewayCall.findFirst({ where: { id, workspaceId } });
  if (!call) throw notFound(`Gateway call '${id}'`);
  return { ...toCallItem(call), reasons: call.reasons, tool_calls: call.toolCalls, request_body: call.requestBody, response_body: call.responseBody };
}
