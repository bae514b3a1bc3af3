import { prisma } from "@/lib/db/client";
import type { Detection } from "@/lib/detect/types";
import type { z } from "zod";
import type { ListMessagesQuery } from "./schemas";

/** Messages of the workspace, newest first, by conversation and/or agent (as sender or recipient). */
export async function listMessages(workspaceId: string, query: z.infer<typeof ListMessagesQuery>) {
  const db = await prisma();
  const rows = await db.agentMessage.findMany({
    where: {
      workspaceId,
      ...(query.conversation_id ? { conversationId: query.conversation_id } : {}),
      ...(query.agent_id ? { OR: [{ senderAgentId: query.agent_id }, { recipientAgentId: query.agent_id }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
  });
  return {
    count: rows.length,
    messages: rows.map((m) => ({
      message_id: m.id,
      conversation_id: m.conversationId,
      from_agent_id: m.senderAgentId,
      to_agent_id: m.recipientAgentId,
      session_id: m.sessionId,
      role: m.role,
      source: m.source,
      content_sha256: m.contentSha256,
      size_bytes: m.sizeBytes,
      decision: m.decision,
      detections: m.detections as unknown as Detection[],
      override_reason: m.overrideReason,
      receipt_id: m.receiptId,
      created_at: m.createdAt.toISOString(),
    })),
  };
}
