import { AppError } from "@/lib/errors";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { deleteSecret } from "@/lib/vault/manage-secrets";
import { readSecret } from "@/lib/vault/read-secret";
import { ReadSecretQuery, SecretNameParams } from "@/lib/vault/schemas";

// An agent reads through its session: X-Session-ID header or ?session_id=. When a policy
// escalated the read (202 with approval_id), the approved read passes X-Approval-ID or ?approval_id=.
export const GET = withApiKey(
  { scope: "vault:read", params: SecretNameParams, query: ReadSecretQuery },
  async ({ request, params, query, key, workspaceId }) => {
    const sessionId = request.headers.get("x-session-id")?.trim() || query.session_id;
    if (!sessionId) {
      throw new AppError("invalid_request", "Reading a secret needs a session: send the X-Session-ID header or ?session_id=", {
        field: "session_id",
        reason: "required",
      });
    }
    const approvalId = request.headers.get("x-approval-id")?.trim() || query.approval_id;
    return readSecret(workspaceId, params.name, sessionId, { type: "api_key", id: key.id }, approvalId);
  },
);

export const DELETE = withApiKey({ scope: "vault:write", params: SecretNameParams }, async ({ params, key, workspaceId }) => ({
  status: 200,
  body: await deleteSecret(workspaceId, params.name, { type: "api_key", id: key.id }),
}));

export const { POST, PUT, PATCH } = otherMethods(["GET", "DELETE"]);
