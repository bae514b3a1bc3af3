// The gateway's management inputs: keys bound to an agent's session, OpenAI-compatible
// providers, the per-model price table (money per million tokens), settings, the call log.
import { z } from "zod";
import { keysetCursorSchema } from "@/lib/http/keyset-cursor";
import { prefixedPathId } from "@/lib/http/path-params";
import { MoneySchema } from "@/lib/money";
import { AgentIdSchema, MAX_SESSION_TTL_SECONDS, MetadataSchema, SessionScopeSchema, TokenCountSchema } from "@/lib/sessions/schemas";

export const ProviderNameSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "must be 1-40 lowercase letters, digits, _ or -, starting with a letter or digit");

export const ModelNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, "must be 1-128 letters, digits or . _ : / -, starting with a letter or digit");

export const IssueGatewayKeySchema = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  agent_id: AgentIdSchema,
  crew_id: z.string().startsWith("crw_", "must be a crew id (crw_...)").max(64).optional(),
  token_limit: TokenCountSchema.nullable().optional().describe("LLM tokens the key's session may use; null or omitted: no cap of its own"),
  spend_limit: MoneySchema.nullable().optional().describe("Money the key's session may spend on calls; null or omitted: no cap of its own"),
  scopes: z.array(SessionScopeSchema).max(100).optional().describe("The session's scopes (policies see them); default: the agent's default scopes, else [read]"),
  ttl: z.number().int("must be a whole number of seconds").min(1).max(MAX_SESSION_TTL_SECONDS).default(MAX_SESSION_TTL_SECONDS),
  metadata: MetadataSchema.optional(),
});
export type IssueGatewayKeyInput = z.input<typeof IssueGatewayKeySchema>;

/** PUT /gateway/providers/{name}: api_key omitted keeps the stored key, null removes it. */
export const ProviderBodySchema = z.strictObject({
  base_url: z.url("must be a URL").max(2048, "must be at most 2048 characters").describe("The OpenAI-compatible base URL before /chat/completions, e.g. https://api.openai.com/v1"),
  api_key: z.string().min(1, "must not be empty").max(4096, "must be at most 4096 characters").nullable().optional().describe("Stored in the vault, never returned; omitted: unchanged, null: removed"),
});
export type PutProviderInput = z.infer<typeof ProviderBodySchema> & { name: string };
export const ProviderNameParams = z.object({ name: ProviderNameSchema });

export const PutModelSchema = z.strictObject({
  model: ModelNameSchema,
  provider: ProviderNameSchema,
  upstream_model: ModelNameSchema.optional().describe("The name sent upstream; default: model"),
  input_price: MoneySchema.describe("Price per million prompt tokens, in the workspace currency"),
  output_price: MoneySchema.describe("Price per million completion tokens, in the workspace currency"),
  max_output_tokens: z.number().int("must be a whole number").min(1).max(1_000_000).default(4096).describe("Reserved and enforced when a request sets no max_tokens"),
});
export type PutModelInput = z.input<typeof PutModelSchema>;
export const ModelQuery = z.strictObject({ model: ModelNameSchema });

export const GatewaySettingsSchema = z.strictObject({ store_bodies: z.boolean() });
export type GatewaySettingsInput = z.infer<typeof GatewaySettingsSchema>;

export const GatewayKeyIdParams = z.object({ id: prefixedPathId("gwk_", "a gateway key id") });
export const GatewayCallIdParams = z.object({ id: prefixedPathId("llm_", "a gateway call id") });

export const ListGatewayCallsQuery = z.strictObject({
  key_id: z.string().startsWith("gwk_", "must be a gateway key id (gwk_...)").max(64).optional(),
  agent_id: AgentIdSchema.optional(),
  cursor: keysetCursorSchema("llm_").optional(),
  limit: z.coerce.number().int("must be a whole number").min(1).max(100).default(25),
});
export type ListGatewayCallsQueryParsed = z.output<typeof ListGatewayCallsQuery>;
