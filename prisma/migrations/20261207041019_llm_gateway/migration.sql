-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "gateway_store_bodies" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "token_budget" BIGINT,
ADD COLUMN     "token_window_start" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "tokens_used" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "crews" ADD COLUMN     "token_budget" BIGINT,
ADD COLUMN     "token_window_start" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "tokens_used" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "token_limit" BIGINT,
ADD COLUMN     "tokens_used" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "gateway_keys" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "crew_id" TEXT,
    "session_id" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gateway_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gateway_providers" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "secret_name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gateway_providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gateway_models" (
    "workspace_id" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "upstream_model" TEXT NOT NULL,
    "input_micros_per_mtok" BIGINT NOT NULL,
    "output_micros_per_mtok" BIGINT NOT NULL,
    "max_output_tokens" INTEGER NOT NULL DEFAULT 4096,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gateway_models_pkey" PRIMARY KEY ("workspace_id","model")
);

-- CreateTable
CREATE TABLE "gateway_calls" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "crew_id" TEXT,
    "model" TEXT NOT NULL,
    "stream" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
    "completion_tokens" INTEGER NOT NULL DEFAULT 0,
    "cost_micros" BIGINT NOT NULL DEFAULT 0,
    "reserved_tokens" INTEGER NOT NULL DEFAULT 0,
    "reserved_micros" BIGINT NOT NULL DEFAULT 0,
    "latency_ms" INTEGER NOT NULL DEFAULT 0,
    "tool_calls" JSONB NOT NULL DEFAULT '[]',
    "request_body" JSONB,
    "response_body" JSONB,
    "receipt_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gateway_calls_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "gateway_keys_prefix_key" ON "gateway_keys"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "gateway_keys_hash_key" ON "gateway_keys"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "gateway_keys_session_id_key" ON "gateway_keys"("session_id");

-- CreateIndex
CREATE INDEX "gateway_keys_workspace_id_created_at_idx" ON "gateway_keys"("workspace_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "gateway_providers_workspace_id_name_key" ON "gateway_providers"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "gateway_calls_workspace_id_created_at_id_idx" ON "gateway_calls"("workspace_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "gateway_calls_workspace_id_key_id_created_at_idx" ON "gateway_calls"("workspace_id", "key_id", "created_at");

-- AddForeignKey
ALTER TABLE "gateway_keys" ADD CONSTRAINT "gateway_keys_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateway_providers" ADD CONSTRAINT "gateway_providers_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateway_models" ADD CONSTRAINT "gateway_models_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateway_models" ADD CONSTRAINT "gateway_models_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "gateway_providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gateway_calls" ADD CONSTRAINT "gateway_calls_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The gateway reserves a call's worst case (prompt estimate + the max output it lets the model
-- produce, in tokens and in money) against the session, agent and crew before forwarding it,
-- under the same row locks as payments (session, then agent, then crew), so concurrent calls in
-- any number of processes can never together pass a token or money budget. Reserved amounts
-- count as used until warden_settle_llm replaces them with what the call really used.
CREATE FUNCTION warden_reserve_llm(p_workspace text, p_session text, p_tokens bigint, p_micros bigint)
RETURNS TABLE (status text, agent_id text, crew_id text, remaining_tokens bigint, remaining_micros bigint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  s sessions;
  a agents;
  c crews;
  v_now timestamptz := clock_timestamp();
  v_status text := 'reserved';
  a_spent bigint; a_tokens bigint; a_window timestamptz; a_token_window timestamptz;
  c_spent bigint; c_tokens bigint; c_window timestamptz; c_token_window timestamptz;
BEGIN
  SELECT * INTO s FROM sessions WHERE id = p_session AND workspace_id = p_workspace FOR UPDATE;
  IF NOT FOUND OR s.revoked_at IS NOT NULL OR (s.expires_at IS NOT NULL AND s.expires_at <= v_now) THEN
    RETURN QUERY SELECT 'session_invalid'::text, NULL::text, NULL::text, NULL::bigint, NULL::bigint;
    RETURN;
  END IF;
  IF s.token_limit IS NOT NULL AND s.tokens_used + p_tokens > s.token_limit THEN
    v_status := 'session_tokens_exceeded';
  ELSIF s.spend_limit_micros IS NOT NULL AND s.spent_micros + p_micros > s.spend_limit_micros THEN
    v_status := 'session_budget_exceeded';
  END IF;

  SELECT * INTO a FROM agents WHERE id = s.agent_pk FOR UPDATE;
  a_window := coalesce(warden_window_start(a.budget_window, v_now), a.window_start);
  a_spent := CASE WHEN a.window_start < a_window THEN 0 ELSE a.spent_micros END;
  a_token_window := coalesce(warden_window_start(a.budget_window, v_now), a.token_window_start);
  a_tokens := CASE WHEN a.token_window_start < a_token_window THEN 0 ELSE a.tokens_used END;
  IF v_status = 'reserved' AND a.token_budget IS NOT NULL AND a_tokens + p_tokens > a.token_budget THEN
    v_status := 'agent_tokens_exceeded';
  ELSIF v_status = 'reserved' AND a.budget_micros IS NOT NULL AND a_spent + p_micros > a.budget_micros THEN
    v_status := 'agent_budget_exceeded';
  END IF;

  IF s.crew_id IS NOT NULL THEN
    SELECT * INTO c FROM crews WHERE id = s.crew_id FOR UPDATE;
    c_window := coalesce(warden_window_start(c.budget_window, v_now), c.window_start);
    c_spent := CASE WHEN c.window_start < c_window THEN 0 ELSE c.spent_micros END;
    c_token_window := coalesce(warden_window_start(c.budget_window, v_now), c.token_window_start);
    c_tokens := CASE WHEN c.token_window_start < c_token_window THEN 0 ELSE c.tokens_used END;
    IF v_status = 'reserved' AND c.token_budget IS NOT NULL AND c_tokens + p_tokens > c.token_budget THEN
      v_status := 'crew_tokens_exceeded';
    ELSIF v_status = 'reserved' AND c.budget_micros IS NOT NULL AND c_spent + p_micros > c.budget_micros THEN
      v_status := 'crew_budget_exceeded';
    END IF;
  END IF;

  IF v_status <> 'reserved' THEN
    RETURN QUERY SELECT v_status, s.agent_id, s.crew_id, NULL::bigint, NULL::bigint;
    RETURN;
  END IF;

  UPDATE sessions SET tokens_used = tokens_used + p_tokens, spent_micros = spent_micros + p_micros WHERE id = s.id;
  UPDATE agents SET tokens_used = a_tokens + p_tokens, token_window_start = a_token_window,
                    spent_micros = a_spent + p_micros, window_start = a_window, last_seen_at = v_now WHERE id = a.id;
  IF c.id IS NOT NULL THEN
    UPDATE crews SET tokens_used = c_tokens + p_tokens, token_window_start = c_token_window,
                     spent_micros = c_spent + p_micros, window_start = c_window WHERE id = c.id;
  END IF;
  RETURN QUERY SELECT v_status, s.agent_id, s.crew_id,
    least(s.token_limit - s.tokens_used - p_tokens, a.token_budget - a_tokens - p_tokens, c.token_budget - c_tokens - p_tokens),
    least(s.spend_limit_micros - s.spent_micros - p_micros, a.budget_micros - a_spent - p_micros, c.budget_micros - c_spent - p_micros);
END
$$;

-- Replaces a reservation by what the call used. The gateway caps the output it lets the model
-- produce and counts the prompt with the model family's tokenizer, so usage stays within the
-- reservation; an upstream that counts more is still charged what it reports (the ledger stays
-- true; the call's row shows the overrun). Same lock order as warden_reserve_llm. A window that
-- rolled over since the reservation started from zero, so nothing is given back to it below zero.
CREATE FUNCTION warden_settle_llm(p_workspace text, p_session text, p_reserved_tokens bigint, p_used_tokens bigint,
                                  p_reserved_micros bigint, p_used_micros bigint)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  s sessions;
  d_tokens bigint := p_used_tokens - p_reserved_tokens;
  d_micros bigint := p_used_micros - p_reserved_micros;
BEGIN
  SELECT * INTO s FROM sessions WHERE id = p_session AND workspace_id = p_workspace FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  UPDATE sessions SET tokens_used = greatest(tokens_used + d_tokens, 0), spent_micros = greatest(spent_micros + d_micros, 0) WHERE id = s.id;
  UPDATE agents SET tokens_used = greatest(tokens_used + d_tokens, 0), spent_micros = greatest(spent_micros + d_micros, 0) WHERE id = s.agent_pk;
  IF s.crew_id IS NOT NULL THEN
    UPDATE crews SET tokens_used = greatest(tokens_used + d_tokens, 0), spent_micros = greatest(spent_micros + d_micros, 0) WHERE id = s.crew_id;
  END IF;
END
$$;
