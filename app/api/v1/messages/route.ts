import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { listMessages } from "@/lib/messages/list-messages";
import { ListMessagesQuery, SendMessageSchema } from "@/lib/messages/schemas";
import { sendMessage } from "@/lib/messages/send-message";

// 201 with the decision: the message is recorded whatever it is; deliver it only unless BLOCK/ESCALATE.
export const POST = withApiKey({ scope: "sessions:write", body: SendMessageSchema }, async ({ body, key, workspaceId }) => ({
  status: 201,
  body: await sendMessage(workspaceId, body, { type: "api_key", id: key.id }),
}));

export const GET = withApiKey({ scope: "audit:read", query: ListMessagesQuery }, async ({ query, workspaceId }) => ({
  status: 200,
  body: await listMessages(workspaceId, query),
}));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
