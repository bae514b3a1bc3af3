// The governance tools Warden serves over MCP. Each tool calls the same domain function as its
// REST route and requires the same key scope; the key was authenticated by the route
// (app/api/mcp/route.ts), so a scope it lacks is a tool error naming the scope.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { z } from "zod";
import { requestApproval, waitForApproval } from "@/lib/approvals/manage-approvals";
import type { Actor } from "@/lib/audit/append-events";
import { logAction } from "@/lib/audit/log-action";
import { hasScope, type Scope } from "@/lib/auth/scopes";
import type { Principal } from "@/lib/db/call-as";
import { AppError } from "@/lib/errors";
import { evaluateCode } from "@/lib/exec/evaluate-code";
import type { AuthenticatedKey } from "@/lib/keys/authenticate-api-key";
import { countPaymentDecision, countPolicyDecision } from "@/lib/metrics/count-decisions";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { checkScope } from "@/lib/sessions/check-scope";
import { readSecret } from "@/lib/vault/read-secret";
import { toolResult, type Answer } from "./tool-result";
import * as input from "./tool-schemas";

type Caller = { workspaceId: string; actor: Actor; principal: Principal; signal: AbortSignal };

type ToolSpec<S extends z.ZodObject> = {
  description: string;
  scope: Scope;
  schema: S;
  run: (args: z.infer<S>, caller: Caller) => Promise<Answer>;
};

/** A tool with its argument type erased, for registering them all in one loop. */
type AnyTool = Omit<ToolSpec<z.ZodObject>, "run"> & { run: (args: never, caller: Caller) => Promise<Answer> };

const ok = (body: unknown, status = 200): Answer => ({ status, body });

const TOOLS = {
  check_permission: {
    description: "Check whether a session holds a scope (audited; a denial is flagged). Answers {allowed, session_id, scope, reason}.",
    scope: "sessions:write",
    schema: input.CheckPermissionInput,
    run: async (args, { principal }) => ok(await checkScope(principal, args.session_id, args.scope)),
  } satisfies ToolSpec<typeof input.CheckPermissionInput>,
  authorize_payment: {
    description: "Authorize a payment against the session's, agent's and crew's budgets and the policies in force. Answers as POST /api/v1/payments/authorize: authorized, refused (code), or pending_approval with an approval_id to pass once approved.",
    scope: "payments:write",
    schema: input.AuthorizePaymentInput,
    run: async (args, { principal }) => countPaymentDecision(await authorizePayment(principal, args)),
  } satisfies ToolSpec<typeof input.AuthorizePaymentInput>,
  log_action: {
    description: "Log an action of the session's agent to the hash-chained audit trail. Answers {logged, entry_id, flagged, flag_reason}.",
    scope: "audit:write",
    schema: input.LogActionInput,
    run: async (args, { principal }) => ok(await logAction(principal, args), 201),
  } satisfies ToolSpec<typeof input.LogActionInput>,
  request_approval: {
    description: `Ask a human to approve an action. With wait_seconds (at most ${input.MAX_APPROVAL_WAIT_SECONDS}) the answer waits for the decision and carries the request's status (pending, approved, denied, expired); without, it answers {request_id, status: pending, expires_at, required_approvals}.`,
    scope: "approvals:write",
    schema: input.RequestApprovalInput,
    run: async ({ wait_seconds, ...args }, { workspaceId, actor, signal }) => {
      const created = await requestApproval(workspaceId, args, actor);
      if (wait_seconds === 0) return ok(created, 201);
      return ok(await waitForApproval(workspaceId, created.request_id, wait_seconds, signal));
    },
  } satisfies ToolSpec<typeof input.RequestApprovalInput>,
  read_secret: {
    description: "Read a secret through a session holding the secret's scope_required (every read audited, never its value). A policy may escalate the read: read again with the approval_id once approved.",
    scope: "vault:read",
    schema: input.ReadSecretInput,
    run: async (args, { workspaceId, actor }) => readSecret(workspaceId, args.name, args.session_id, actor, args.approval_id),
  } satisfies ToolSpec<typeof input.ReadSecretInput>,
  evaluate_code: {
    description: "Before running code: analyse it and evaluate it against the session's agent's policies. Answers as POST /api/v1/exec/evaluate: the decision (ALLOW, LOG, CONSTRAIN with runtime limits, ESCALATE with approval_id, BLOCK), reasons, operations and receipt_id.",
    scope: "sessions:write",
    schema: input.EvaluateCodeInput,
    run: async (args, { workspaceId, actor }) => ok(countPolicyDecision("code_execution", await evaluateCode(workspaceId, args, actor))),
  } satisfies ToolSpec<typeof input.EvaluateCodeInput>,
};

/** Each tool's name, key scope and description, for the API page (app/api-docs). */
export const MCP_TOOLS = Object.entries(TOOLS).map(([name, tool]) => ({ name, scope: tool.scope, description: tool.description }));

/** Registers every tool on a server that answers one request of the given key. */
export function registerWardenTools(server: McpServer, key: AuthenticatedKey, request: { id: string; signal: AbortSignal }): void {
  const actor: Actor = { type: "api_key", id: key.id };
  for (const [name, tool] of Object.entries(TOOLS) as [string, AnyTool][]) {
    server.registerTool(name, { description: tool.description, inputSchema: tool.schema }, (args, extra) =>
      toolResult(async () => {
        if (!hasScope(key.scopes, tool.scope)) {
          throw new AppError("insufficient_scope", `This API key lacks the '${tool.scope}' scope`, { required: tool.scope, granted: key.scopes });
        }
        const caller = { workspaceId: key.workspaceId, actor, principal: { workspaceId: key.workspaceId, actor }, signal: AbortSignal.any([extra.signal, request.signal]) };
        // The SDK parsed args with tool.schema, so they have the type tool.run expects.
        return tool.run(args as never, caller);
      }, request.id),
    );
  }
}
