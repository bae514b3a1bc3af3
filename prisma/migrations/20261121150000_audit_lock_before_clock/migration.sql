-- Appends lock the chain head before reading the clock and applying anomaly rules, so
-- timestamps never run backwards along a chain and rate counts see every earlier entry; only
-- an agent's own activity counts toward "actions per minute", and in a batch every event counts.

-- What counts toward "actions per minute": an agent's own activity (logged actions, checks,
-- payments), not the administrative events about it (session.created, agent.*, crew.*).
CREATE FUNCTION warden_is_agent_action(p_action text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT p_action NOT LIKE 'session.%' AND p_action NOT LIKE 'agent.%' AND p_action NOT LIKE 'crew.%'
$$;

-- The agent's actions in the minute before p_at (the caller holds the chain head lock).
CREATE FUNCTION warden_recent_actions(p_workspace text, p_agent text, p_at timestamptz) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT count(*)::integer FROM audit_events
  WHERE workspace_id = p_workspace AND agent_id = p_agent AND created_at > p_at - interval '1 minute'
    AND warden_is_agent_action(action)
$$;

CREATE OR REPLACE FUNCTION warden_append_audit(
  p_workspace text, p_id text, p_actor_type text, p_actor_id text, p_agent_id text,
  p_session_id text, p_suggested_by text, p_tool text, p_action text, p_decision text,
  p_cost_micros bigint, p_details jsonb, p_flagged boolean, p_flag_reason text
) RETURNS audit_events LANGUAGE plpgsql AS $$
DECLARE
  e audit_events;
  rules anomaly_rules;
BEGIN
  -- Lock the chain head first: the timestamp and the anomaly rules then see every earlier
  -- entry, so time never runs backwards along the chain and rate counts are exact.
  UPDATE audit_chain_heads SET seq = seq + 1 WHERE workspace_id = p_workspace
    RETURNING seq, hash INTO e.seq, e.prev_hash;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'workspace % has no audit chain head', p_workspace;
  END IF;
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
      ELSIF rules.max_actions_per_minute IS NOT NULL AND warden_is_agent_action(e.action)
        AND warden_recent_actions(p_workspace, e.agent_id, e.created_at) >= rules.max_actions_per_minute THEN
        e.flagged := true;
        e.flag_reason := 'rate_above_threshold';
      END IF;
    END IF;
  END IF;

  e.entry_hash := warden_entry_hash(e);
  INSERT INTO audit_events SELECT (e).*;
  UPDATE audit_chain_heads SET hash = e.entry_hash WHERE workspace_id = p_workspace;
  RETURN e;
END
$$;

CREATE OR REPLACE FUNCTION warden_append_audit_batch(p_workspace text, p_actor_type text, p_actor_id text, p_events jsonb)
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
  v_now timestamptz := clock_timestamp();
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
  -- Read the clock only once the head is locked: time never runs backwards along the chain.
  v_now := date_trunc('milliseconds', clock_timestamp());

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
      -- Every event of the batch counts toward its agent's rate, whatever flags it.
      IF rules.max_actions_per_minute IS NOT NULL AND warden_is_agent_action(e.action) THEN
        IF NOT recent ? e.agent_id THEN
          recent := recent || jsonb_build_object(e.agent_id, warden_recent_actions(p_workspace, e.agent_id, v_now));
        END IF;
        agent_recent := (recent->>e.agent_id)::integer;
        recent := recent || jsonb_build_object(e.agent_id, agent_recent + 1);
      END IF;
      IF rules.max_cost_per_action_micros IS NOT NULL AND e.cost_micros > rules.max_cost_per_action_micros THEN
        e.flagged := true;
        e.flag_reason := 'cost_above_threshold';
      ELSIF rules.max_actions_per_minute IS NOT NULL AND warden_is_agent_action(e.action)
        AND agent_recent >= rules.max_actions_per_minute THEN
        e.flagged := true;
        e.flag_reason := 'rate_above_threshold';
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
