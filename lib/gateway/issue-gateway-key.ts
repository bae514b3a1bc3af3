import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { parseWith } from "@/lib/http/validation";
import { newId } from "@/lib/ids";
import { createSessionInTx } from "@/lib/sessions/create-session";
import { generateGatewayKeySecret } from "./gateway-key-secret";
import { IssueGatewayKeySchema, type IssueGatewayKeyInput } from "./schemas";
import { toGatewayKeyView, type GatewayKeyView } from "./gateway-key-view";

/**
 * Issues a gateway key: opens a session for the agent (registered if new, in the crew if given)
 * carrying the token and spend limits, stores the key's hash, and audits both, in one
 * transaction. The key itself is returned here only and cannot be shown again.
 */
export async function issueGatewayKey(workspaceId: string, input: IssueGatewayKeyInput, actor: Actor): Promise<GatewayKeyView & { key: string }> {
  const { name, ...session } = parseWith(IssueGatewayKeySchema, input, "body");
  const secret = generateGatewayKeySecret();
  const db = await prisma();
  const { key, created } = await db.$transaction(async (tx) => {
    const opened = await createSessionInTx(tx, workspaceId, session, actor);
    const created = await tx.gatewayKey.create({
      data: {
        id: newId("gatewayKey"),
        workspaceId,
        name,
        prefix: secret.prefix,
        hash: secret.hash,
        agentId: opened.agentId,
        crewId: opened.crewId,
        sessionId: opened.id,
        createdBy: `${actor.type}:${actor.id}`,
      },
    });
    const view = toGatewayKeyView({ ...created, session: opened });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "gateway.key_issued",
      tool: "gateway",
      agentId: opened.agentId,
      sessionId: opened.id,
      details: { key_id: view.id, prefix: view.prefix, name, crew_id: view.crew_id, token_limit: view.token_limit, spend_limit: view.spend_limit },
    });
    return { key: secret.key, created: view };
  });
  return { ...created, key };
}
