// Input schemas of the MCP tools: the REST routes' own schemas (lib/*/schemas.ts), extended
// only where a REST route takes the value from its path, a header or the query string.
import { z } from "zod";
import { RequestApprovalSchema } from "@/lib/approvals/schemas";
import { LogActionSchema } from "@/lib/audit/schemas";
import { ExecEvaluateSchema } from "@/lib/exec/schemas";
import { AuthorizePaymentSchema } from "@/lib/payments/schemas";
import { CheckScopeSchema } from "@/lib/sessions/schemas";
import { ReadSecretQuery, SecretNameSchema } from "@/lib/vault/schemas";

const SessionId = z.string().min(1).max(64);

/** The longest request_approval may hold its answer waiting for a reviewer's decision. */
export const MAX_APPROVAL_WAIT_SECONDS = 300;

export const CheckPermissionInput = CheckScopeSchema.extend({ session_id: SessionId });

export const AuthorizePaymentInput = AuthorizePaymentSchema;

export const LogActionInput = LogActionSchema;

export const RequestApprovalInput = RequestApprovalSchema.extend({
  wait_seconds: z.number().int().min(0).max(MAX_APPROVAL_WAIT_SECONDS).default(0),
});

export const ReadSecretInput = ReadSecretQuery.extend({ session_id: SessionId, name: SecretNameSchema }).strict();

export const EvaluateCodeInput = ExecEvaluateSchema;
