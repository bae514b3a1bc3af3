import { z } from "zod";
import { keysetCursorSchema } from "@/lib/http/keyset-cursor";
import { PathIdSchema } from "@/lib/http/path-params";
import { MoneySchema } from "@/lib/money";

export const AgentIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[^\s\u0000-\u001f\u007f/]+$/, "must not contain spaces, slashes or control characters")
  // "." and ".." cannot appear as a URL path segment, so /agents/:agent_id could never reach them.
  .refine((id) => id !== "." && id !== "..", "must not be '.' or '..'");

// Session scopes are the agent's own vocabulary (read, execute, send_email, spend, spend:50, ...).
export const SessionScopeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:*-]{1,64}$/, "must be 1-64 letters, digits or _ . : * -");

export const MetadataSchema = z.record(z.string(), z.unknown()).refine((m) => JSON.stringify(m).length <= 16_384, "must be at most 16 KiB of JSON");

/** LLM tokens through the gateway (prompt + completion); null: no cap of its own. */
export const TokenCountSchema = z
  .number()
  .int("must be a whole number of tokens")
  .min(0, "must be 0 or more")
  .max(1_000_000_000_000, "must be at most 1,000,000,000,000");

const SPEND_SCOPE = /^spend:(.*)$/;

/** `spend:N` sets the session's limit: N must be a valid amount, and only one may be given. */
const SessionScopesSchema = z
  .array(SessionScopeSchema)
  .max(100)
  .superRefine((scopes, ctx) => {
    const spendIndexes = scopes.flatMap((scope, i) => (SPEND_SCOPE.test(scope) ? [i] : []));
    for (const i of spendIndexes) {
      const amount = SPEND_SCOPE.exec(scopes[i]!)![1]!;
      const isValid = /^\d+(\.\d{1,6})?$/.test(amount) && MoneySchema.safeParse(Number(amount)).success;
      if (!isValid) ctx.addIssue({ code: "custom", path: [i], message: "spend:N needs an amount N from 0 to 1,000,000,000 with at most 6 decimals" });
    }
    if (spendIndexes.length > 1) ctx.addIssue({ code: "custom", path: [spendIndexes[1]!], message: "only one spend:N scope may be given" });
  });

/**
 * The longest a session may live (365 days). `ttl: 0` (Haldir's "no expiry") is accepted and
 * means this maximum: no session lives forever.
 */
export const MAX_SESSION_TTL_SECONDS = 31_536_000;

/** The TTL a session actually gets: 0 asks for the maximum. */
export const effectiveTtl = (ttl: number) => (ttl === 0 ? MAX_SESSION_TTL_SECONDS : ttl);

export const CreateSessionSchema = z.strictObject({
  agent_id: AgentIdSchema,
  scopes: SessionScopesSchema.optional(),
  ttl: z
    .number()
    .int("must be a whole number of seconds")
    .min(0)
    .max(MAX_SESSION_TTL_SECONDS)
    .default(3600)
    .describe("Seconds until the session expires: default 3600, at most 31,536,000 (365 days). 0 means that maximum, never 'forever'."),
  spend_limit: MoneySchema.nullable().optional(),
  token_limit: TokenCountSchema.nullable().optional().describe("LLM tokens this session may use through the gateway; null or omitted: no cap of its own"),
  crew_id: z.string().startsWith("crw_", "must be a crew id (crw_...)").optional(),
  metadata: MetadataSchema.optional(),
});
export type CreateSessionInput = z.infer<typeof CreateSessionSchema>;

export const SessionIdParams = z.object({ id: PathIdSchema });

export const CheckScopeSchema = z.strictObject({ scope: SessionScopeSchema });

export type SessionView = {
  session_id: string;
  agent_id: string;
  crew_id: string | null;
  scopes: string[];
  spend_limit: number | null;
  spent: number;
  remaining_budget: number | null;
  token_limit: number | null;
  tokens_used: number;
  is_valid: boolean;
  ttl: number;
  metadata: unknown;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
};

/** A session's state: decided in SQL from revoked_at and expires_at against the database's clock. */
export const SessionStatusSchema = z.enum(["active", "expired", "revoked"]);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/** The keyset cursor of the sessions list: the (created_at, id) to continue below. */
export const SessionCursorSchema = keysetCursorSchema("ses_");

export const SessionListQuerySchema = z.strictObject({
  status: SessionStatusSchema.optional(),
  crew_id: z.string().startsWith("crw_", "must be a crew id (crw_...)").max(64).optional(),
  cursor: SessionCursorSchema.optional(),
  limit: z.number().int("must be a whole number").min(1).max(100).default(25),
});
export type SessionListQuery = z.input<typeof SessionListQuerySchema>;

export type SessionListItem = {
  session_id: string;
  agent_id: string;
  crew_id: string | null;
  crew_name: string | null;
  scopes: string[];
  spend_limit: number | null;
  spent: number;
  remaining_budget: number | null;
  status: SessionStatus;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
};
