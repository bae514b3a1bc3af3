-- CreateTable
CREATE TABLE "agents" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "display_name" TEXT,
    "default_scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "budget_micros" BIGINT,
    "spent_micros" BIGINT NOT NULL DEFAULT 0,
    "budget_window" TEXT NOT NULL DEFAULT 'total',
    "window_start" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crews" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "budget_micros" BIGINT,
    "spent_micros" BIGINT NOT NULL DEFAULT 0,
    "budget_window" TEXT NOT NULL DEFAULT 'run',
    "window_start" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "crews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crew_members" (
    "crew_id" TEXT NOT NULL,
    "agent_pk" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "crew_members_pkey" PRIMARY KEY ("crew_id","agent_pk")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "agent_pk" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "crew_id" TEXT,
    "scopes" TEXT[],
    "spend_limit_micros" BIGINT,
    "spent_micros" BIGINT NOT NULL DEFAULT 0,
    "ttl" INTEGER NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_authorizations" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "crew_id" TEXT,
    "amount_micros" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "recipient" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_authorizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "anomaly_rules" (
    "workspace_id" TEXT NOT NULL,
    "max_cost_per_action_micros" BIGINT,
    "max_actions_per_minute" INTEGER,
    "flag_denied_checks" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "anomaly_rules_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agents_workspace_id_agent_id_key" ON "agents"("workspace_id", "agent_id");

-- CreateIndex
CREATE UNIQUE INDEX "crews_workspace_id_name_key" ON "crews"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "crew_members_agent_pk_idx" ON "crew_members"("agent_pk");

-- CreateIndex
CREATE INDEX "sessions_workspace_id_agent_id_idx" ON "sessions"("workspace_id", "agent_id");

-- CreateIndex
CREATE INDEX "payment_authorizations_workspace_id_session_id_idx" ON "payment_authorizations"("workspace_id", "session_id");

-- CreateIndex
CREATE INDEX "audit_events_workspace_id_agent_id_created_at_idx" ON "audit_events"("workspace_id", "agent_id", "created_at");

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crews" ADD CONSTRAINT "crews_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crew_members" ADD CONSTRAINT "crew_members_crew_id_fkey" FOREIGN KEY ("crew_id") REFERENCES "crews"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crew_members" ADD CONSTRAINT "crew_members_agent_pk_fkey" FOREIGN KEY ("agent_pk") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_agent_pk_fkey" FOREIGN KEY ("agent_pk") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_crew_id_fkey" FOREIGN KEY ("crew_id") REFERENCES "crews"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Hand-written: the database functions that enforce Warden's invariants in one round trip.
-- See docs/audit-chain.md for the hash and lib/db/functions.md for each function's contract.
-- ---------------------------------------------------------------------------------------------

-- The canonical text of an audit entry: PostgreSQL's jsonb text form of its fields (keys
-- ordered by length then bytes, ", " and ": " separators), including the previous hash.
CREATE FUNCTION warden_audit_canonical(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', e.id,
    'workspace_id', e.workspace_id,
    'seq', e.seq,
    'timestamp', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'actor_type', e.actor_type,
    'actor_id', e.actor_id,
    'agent_id', e.agent_id,
    'session_id', e.session_id,
    'suggested_by', e.suggested_by,
    'tool', e.tool,
    'action', e.action,
    'decision', e.decision,
    'cost_micros', e.cost_micros,
    'details', e.details,
    'flagged', e.flagged,
    'flag_reason', e.flag_reason,
    'prev_hash', e.prev_hash
  )::text
$$;

CREATE FUNCTION warden_entry_hash(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(warden_audit_canonical(e), 'UTF8')), 'hex')
$$;

-- Appends one event to the workspace's chain. The UPDATE of the chain head takes its row lock
-- until the transaction ends, so appenders in every process queue here; anomaly rules flag
-- the event as it is written.
CREATE FUNCTION warden_append_audit(
  p_workspace text, p_id text, p_actor_type text, p_actor_id text, p_agent_id text,
  p_session_id text, p_suggested_by text, p_tool text, p_action text, p_decision text,
  p_cost_micros bigint, p_details jsonb, p_flagged boolean, p_flag_reason text
) RETURNS audit_events LANGUAGE plpgsql AS $$
DECLARE
  e audit_events;
  rules anomaly_rules;
  recent integer;
BEGIN
  e.id := p_id;
  e.workspace_id := p_workspace;
  e.created_at := date_trunc('milliseconds', clock_timestamp());
  e.actor_type := p_actor_type;
  e.actor_id := p_actor_id;
  e.agent_id := p_agent_id;
  e.session_id := p_session_id;
  e.suggested_by := p_suggested_by;
  e.tool := coalesce(p_tool, '');
  e.action := p_action;
  e.decision := p_decision;
  e.cost_micros := coalesce(p_cost_micros, 0);
  e.details := coalesce(p_details, '{}'::jsonb);
  e.flagged := coalesce(p_flagged, false);
  e.flag_reason := p_flag_reason;

  IF NOT e.flagged THEN
    SELECT * INTO rules FROM anomaly_rules WHERE workspace_id = p_workspace;
    IF FOUND THEN
      IF rules.max_cost_per_action_micros IS NOT NULL AND e.cost_micros > rules.max_cost_per_action_micros THEN
        e.flagged := true;
        e.flag_reason := 'cost_above_threshold';
      ELSIF rules.max_actions_per_minute IS NOT NULL AND e.agent_id IS NOT NULL THEN
        SELECT count(*) INTO recent FROM audit_events
          WHERE workspace_id = p_workspace AND agent_id = e.agent_id
            AND created_at > e.created_at - interval '1 minute';
        IF recent >= rules.max_actions_per_minute THEN
          e.flagged := true;
          e.flag_reason := 'rate_above_threshold';
        END IF;
      END IF;
    END IF;
  END IF;

  UPDATE audit_chain_heads SET seq = seq + 1 WHERE workspace_id = p_workspace
    RETURNING seq, hash INTO e.seq, e.prev_hash;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'workspace % has no audit chain head', p_workspace;
  END IF;
  e.entry_hash := warden_entry_hash(e);
  INSERT INTO audit_events SELECT (e).*;
  UPDATE audit_chain_heads SET hash = e.entry_hash WHERE workspace_id = p_workspace;
  RETURN e;
END
$$;

-- Where a budget's current window starts: run/total never reset; day and month are UTC.
CREATE FUNCTION warden_window_start(p_window text, p_now timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT CASE p_window
    WHEN 'day' THEN date_trunc('day', p_now AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
    WHEN 'month' THEN date_trunc('month', p_now AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
    ELSE NULL
  END
$$;

-- Whether a session's scopes allow a scope: admin allows all; 'spend' allows 'spend:10'.
CREATE FUNCTION warden_scope_allows(p_scopes text[], p_scope text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'admin' = ANY(p_scopes) OR p_scope = ANY(p_scopes) OR split_part(p_scope, ':', 1) = ANY(p_scopes)
$$;

-- Authorizes a payment against the session, agent and crew budgets in one transaction:
-- rows are locked in that order (no deadlocks) and each budget is checked against its
-- locked, current value, so concurrent calls in any number of processes never overspend.
-- Every outcome, authorized or refused, is appended to the audit chain.
-- status: authorized | session_invalid | missing_scope | currency_mismatch |
--         session_budget_exceeded | agent_budget_exceeded | crew_budget_exceeded
CREATE FUNCTION warden_authorize_payment(
  p_workspace text, p_session text, p_amount bigint, p_currency text, p_description text,
  p_recipient text, p_auth_id text, p_audit_id text, p_actor_type text, p_actor_id text,
  p_suggested_by text
) RETURNS TABLE (status text, agent_id text, crew_id text, remaining_micros bigint, created_at timestamptz)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  s sessions;
  a agents;
  c crews;
  ws_currency text;
  v_now timestamptz := clock_timestamp();
  v_status text := 'authorized';
  a_spent bigint;
  c_spent bigint;
  a_window timestamptz;
  c_window timestamptz;
  v_remaining bigint;
  v_event audit_events;
BEGIN
  SELECT * INTO s FROM sessions WHERE id = p_session AND workspace_id = p_workspace FOR UPDATE;
  IF NOT FOUND OR s.revoked_at IS NOT NULL OR (s.expires_at IS NOT NULL AND s.expires_at <= v_now) THEN
    v_status := 'session_invalid';
  ELSIF NOT warden_scope_allows(s.scopes, 'spend') THEN
    v_status := 'missing_scope';
  ELSE
    SELECT currency INTO ws_currency FROM workspaces WHERE id = p_workspace;
    IF upper(p_currency) <> ws_currency THEN
      v_status := 'currency_mismatch';
    ELSIF s.spend_limit_micros IS NOT NULL AND s.spent_micros + p_amount > s.spend_limit_micros THEN
      v_status := 'session_budget_exceeded';
    END IF;
  END IF;

  IF v_status = 'authorized' THEN
    SELECT * INTO a FROM agents WHERE id = s.agent_pk FOR UPDATE;
    a_window := coalesce(warden_window_start(a.budget_window, v_now), a.window_start);
    a_spent := CASE WHEN a.window_start < a_window THEN 0 ELSE a.spent_micros END;
    IF a.budget_micros IS NOT NULL AND a_spent + p_amount > a.budget_micros THEN
      v_status := 'agent_budget_exceeded';
    END IF;
  END IF;

  IF v_status = 'authorized' AND s.crew_id IS NOT NULL THEN
    SELECT * INTO c FROM crews WHERE id = s.crew_id FOR UPDATE;
    c_window := coalesce(warden_window_start(c.budget_window, v_now), c.window_start);
    c_spent := CASE WHEN c.window_start < c_window THEN 0 ELSE c.spent_micros END;
    IF c.budget_micros IS NOT NULL AND c_spent + p_amount > c.budget_micros THEN
      v_status := 'crew_budget_exceeded';
    END IF;
  END IF;

  IF v_status = 'authorized' THEN
    UPDATE sessions SET spent_micros = spent_micros + p_amount WHERE id = s.id;
    UPDATE agents SET spent_micros = a_spent + p_amount, window_start = a_window, last_seen_at = v_now WHERE id = a.id;
    IF c.id IS NOT NULL THEN
      UPDATE crews SET spent_micros = c_spent + p_amount, window_start = c_window WHERE id = c.id;
    END IF;
    INSERT INTO payment_authorizations (id, workspace_id, session_id, agent_id, crew_id, amount_micros, currency, description, recipient, created_at)
      VALUES (p_auth_id, p_workspace, s.id, s.agent_id, s.crew_id, p_amount, upper(p_currency), coalesce(p_description, ''), p_recipient, v_now);
    v_remaining := least(
      CASE WHEN s.spend_limit_micros IS NULL THEN NULL ELSE s.spend_limit_micros - s.spent_micros - p_amount END,
      CASE WHEN a.budget_micros IS NULL THEN NULL ELSE a.budget_micros - a_spent - p_amount END,
      CASE WHEN c.budget_micros IS NULL THEN NULL ELSE c.budget_micros - c_spent - p_amount END);
  END IF;

  v_event := warden_append_audit(
    p_workspace, p_audit_id, p_actor_type, p_actor_id, s.agent_id, p_session, p_suggested_by,
    'payments', CASE WHEN v_status = 'authorized' THEN 'payment.authorized' ELSE 'payment.refused' END,
    CASE WHEN v_status = 'authorized' THEN 'ALLOW' ELSE 'BLOCK' END,
    CASE WHEN v_status = 'authorized' THEN p_amount ELSE 0 END,
    jsonb_strip_nulls(jsonb_build_object(
      'authorization_id', CASE WHEN v_status = 'authorized' THEN p_auth_id END,
      'amount_micros', p_amount, 'currency', upper(p_currency), 'description', p_description,
      'recipient', p_recipient, 'crew_id', s.crew_id,
      'reason', CASE WHEN v_status = 'authorized' THEN NULL ELSE v_status END)),
    v_status <> 'authorized', CASE WHEN v_status = 'authorized' THEN NULL ELSE v_status END);

  RETURN QUERY SELECT v_status, s.agent_id, s.crew_id, v_remaining, v_event.created_at;
END
$$;

-- Checks a scope for a session and audits the check (denials flagged when the workspace's
-- rules say so). status: allowed | denied | session_invalid
CREATE FUNCTION warden_check_scope(
  p_workspace text, p_session text, p_scope text, p_audit_id text, p_actor_type text, p_actor_id text
) RETURNS TABLE (status text, agent_id text) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  s sessions;
  v_status text;
  v_flag boolean;
BEGIN
  SELECT * INTO s FROM sessions WHERE id = p_session AND workspace_id = p_workspace;
  IF NOT FOUND OR s.revoked_at IS NOT NULL OR (s.expires_at IS NOT NULL AND s.expires_at <= clock_timestamp()) THEN
    v_status := 'session_invalid';
  ELSIF warden_scope_allows(s.scopes, p_scope) THEN
    v_status := 'allowed';
  ELSE
    v_status := 'denied';
  END IF;
  v_flag := v_status <> 'allowed' AND coalesce((SELECT flag_denied_checks FROM anomaly_rules WHERE workspace_id = p_workspace), true);
  PERFORM warden_append_audit(
    p_workspace, p_audit_id, p_actor_type, p_actor_id, s.agent_id, p_session, NULL, '', 'scope.check',
    CASE WHEN v_status = 'allowed' THEN 'ALLOW' ELSE 'BLOCK' END, 0,
    jsonb_build_object('scope', p_scope, 'result', v_status),
    v_flag, CASE WHEN v_flag THEN 'denied_check' END);
  RETURN QUERY SELECT v_status, s.agent_id;
END
$$;

-- Logs an agent's action against a live session. status: logged | session_invalid
CREATE FUNCTION warden_log_action(
  p_workspace text, p_session text, p_audit_id text, p_actor_type text, p_actor_id text,
  p_tool text, p_action text, p_cost_micros bigint, p_details jsonb, p_suggested_by text, p_decision text
) RETURNS TABLE (status text, entry_id text, flagged boolean, flag_reason text) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  s sessions;
  v_event audit_events;
BEGIN
  SELECT * INTO s FROM sessions WHERE id = p_session AND workspace_id = p_workspace;
  IF NOT FOUND OR s.revoked_at IS NOT NULL OR (s.expires_at IS NOT NULL AND s.expires_at <= clock_timestamp()) THEN
    RETURN QUERY SELECT 'session_invalid'::text, NULL::text, false, NULL::text;
    RETURN;
  END IF;
  v_event := warden_append_audit(
    p_workspace, p_audit_id, p_actor_type, p_actor_id, s.agent_id, s.id, p_suggested_by,
    p_tool, p_action, p_decision, p_cost_micros, p_details, false, NULL);
  RETURN QUERY SELECT 'logged'::text, v_event.id, v_event.flagged, v_event.flag_reason;
END
$$;

-- Entries written before this migration were hashed differently (JCS in the application);
-- rehash every existing chain once with the database's canonical form, in seq order.
DO $$
DECLARE
  e audit_events;
  prev text;
  ws text;
BEGIN
  FOR ws IN SELECT workspace_id FROM audit_chain_heads LOOP
    prev := repeat('0', 64);
    FOR e IN SELECT * FROM audit_events WHERE workspace_id = ws ORDER BY seq LOOP
      e.prev_hash := prev;
      e.entry_hash := warden_entry_hash(e);
      UPDATE audit_events SET prev_hash = e.prev_hash, entry_hash = e.entry_hash WHERE id = e.id;
      prev := e.entry_hash;
    END LOOP;
    UPDATE audit_chain_heads SET hash = prev WHERE workspace_id = ws;
  END LOOP;
END
$$;

-- Appends many events in one call, all or nothing: the chain head is locked once, hashes are
-- computed in order, and the rows are inserted together. Each event names a session, which
-- must be live; the agent comes from the session.
-- p_events: [{id, session_id, tool, action, decision, cost_micros, details, suggested_by}]
-- status: logged | session_invalid (bad_session names the first offending session)
CREATE FUNCTION warden_append_audit_batch(p_workspace text, p_actor_type text, p_actor_id text, p_events jsonb)
RETURNS TABLE (status text, first_seq bigint, last_seq bigint, flagged_count integer, bad_session text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  n integer := jsonb_array_length(p_events);
  live jsonb;
  ev jsonb;
  e audit_events;
  batch audit_events[] := '{}';
  rules anomaly_rules;
  has_rules boolean;
  recent jsonb := '{}';
  agent_recent integer;
  v_seq bigint;
  v_prev text;
  v_first bigint;
  v_now timestamptz := date_trunc('milliseconds', clock_timestamp());
  v_flagged integer := 0;
  v_bad text;
BEGIN
  SELECT coalesce(jsonb_object_agg(id, agent_id), '{}') INTO live FROM sessions
    WHERE workspace_id = p_workspace
      AND id IN (SELECT DISTINCT x->>'session_id' FROM jsonb_array_elements(p_events) x)
      AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > v_now);
  SELECT x->>'session_id' INTO v_bad FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, i)
    WHERE NOT live ? coalesce(x->>'session_id', '') ORDER BY i LIMIT 1;
  IF v_bad IS NOT NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements(p_events) x WHERE x->>'session_id' IS NULL) THEN
    RETURN QUERY SELECT 'session_invalid'::text, NULL::bigint, NULL::bigint, 0, v_bad;
    RETURN;
  END IF;

  SELECT * INTO rules FROM anomaly_rules WHERE workspace_id = p_workspace;
  has_rules := FOUND;
  UPDATE audit_chain_heads SET seq = seq + n WHERE workspace_id = p_workspace
    RETURNING seq - n, hash INTO v_seq, v_prev;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'workspace % has no audit chain head', p_workspace;
  END IF;
  v_first := v_seq + 1;

  FOR ev IN SELECT x FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, i) ORDER BY i LOOP
    v_seq := v_seq + 1;
    e.id := ev->>'id';
    e.workspace_id := p_workspace;
    e.seq := v_seq;
    e.created_at := v_now;
    e.actor_type := p_actor_type;
    e.actor_id := p_actor_id;
    e.session_id := ev->>'session_id';
    e.agent_id := live->>(ev->>'session_id');
    e.suggested_by := ev->>'suggested_by';
    e.tool := coalesce(ev->>'tool', '');
    e.action := ev->>'action';
    e.decision := ev->>'decision';
    e.cost_micros := coalesce((ev->>'cost_micros')::bigint, 0);
    e.details := coalesce(ev->'details', '{}'::jsonb);
    e.flagged := false;
    e.flag_reason := NULL;
    IF has_rules THEN
      IF rules.max_cost_per_action_micros IS NOT NULL AND e.cost_micros > rules.max_cost_per_action_micros THEN
        e.flagged := true;
        e.flag_reason := 'cost_above_threshold';
      ELSIF rules.max_actions_per_minute IS NOT NULL THEN
        IF NOT recent ? e.agent_id THEN
          SELECT count(*) INTO agent_recent FROM audit_events
            WHERE workspace_id = p_workspace AND agent_id = e.agent_id AND created_at > v_now - interval '1 minute';
          recent := recent || jsonb_build_object(e.agent_id, agent_recent);
        END IF;
        agent_recent := (recent->>e.agent_id)::integer;
        IF agent_recent >= rules.max_actions_per_minute THEN
          e.flagged := true;
          e.flag_reason := 'rate_above_threshold';
        END IF;
        recent := recent || jsonb_build_object(e.agent_id, agent_recent + 1);
      END IF;
    END IF;
    IF e.flagged THEN
      v_flagged := v_flagged + 1;
    END IF;
    e.prev_hash := v_prev;
    e.entry_hash := warden_entry_hash(e);
    v_prev := e.entry_hash;
    batch := batch || e;
  END LOOP;

  INSERT INTO audit_events SELECT * FROM unnest(batch);
  UPDATE audit_chain_heads SET hash = v_prev WHERE workspace_id = p_workspace;
  RETURN QUERY SELECT 'logged'::text, v_first, v_seq, v_flagged, NULL::text;
END
$$;
