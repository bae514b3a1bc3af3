-- Payments under policies (issue 5). A workspace without a published policy keeps its one
-- round trip per payment: warden_authorize_unless_policy answers 'policy_required' instead of
-- authorizing when a policy is in force, and the application evaluates it first. A payment a
-- reviewer approved is authorized by warden_authorize_approved_payment: the approval row is
-- locked, must be approved, unconsumed and match the payment, and is consumed in the same
-- transaction as the budgets are charged (budgets still apply; a refusal leaves it unconsumed).

CREATE FUNCTION warden_policy_in_force(p_workspace text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM policies WHERE workspace_id = p_workspace AND published_version IS NOT NULL)
$$;

CREATE FUNCTION warden_authorize_unless_policy(
  p_workspace text, p_session text, p_amount bigint, p_currency text, p_description text,
  p_recipient text, p_auth_id text, p_audit_id text, p_actor_type text, p_actor_id text,
  p_suggested_by text
) RETURNS TABLE (status text, agent_id text, crew_id text, remaining_micros bigint, created_at timestamptz)
LANGUAGE plpgsql AS $$
BEGIN
  IF warden_policy_in_force(p_workspace) THEN
    RETURN QUERY SELECT 'policy_required'::text, NULL::text, NULL::text, NULL::bigint, NULL::timestamptz;
    RETURN;
  END IF;
  RETURN QUERY SELECT * FROM warden_authorize_payment(p_workspace, p_session, p_amount, p_currency, p_description,
    p_recipient, p_auth_id, p_audit_id, p_actor_type, p_actor_id, p_suggested_by);
END
$$;

CREATE FUNCTION warden_authorize_approved_payment(
  p_workspace text, p_approval text, p_session text, p_amount bigint, p_currency text, p_description text,
  p_recipient text, p_auth_id text, p_audit_id text, p_actor_type text, p_actor_id text
) RETURNS TABLE (status text, agent_id text, crew_id text, remaining_micros bigint, created_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  a approval_requests;
  r record;
BEGIN
  SELECT * INTO a FROM approval_requests WHERE id = p_approval AND workspace_id = p_workspace FOR UPDATE;
  IF NOT FOUND OR a.kind <> 'payment' OR a.session_id IS DISTINCT FROM p_session OR a.amount_micros IS DISTINCT FROM p_amount
     OR coalesce(a.params->>'recipient', '') <> coalesce(p_recipient, '')
     OR upper(coalesce(a.params->>'currency', 'USD')) <> upper(p_currency) THEN
    RETURN QUERY SELECT 'approval_mismatch'::text, NULL::text, NULL::text, NULL::bigint, NULL::timestamptz;
    RETURN;
  END IF;
  IF a.status <> 'approved' THEN
    RETURN QUERY SELECT ('approval_' || a.status)::text, NULL::text, NULL::text, NULL::bigint, NULL::timestamptz;
    RETURN;
  END IF;
  IF a.consumed_at IS NOT NULL THEN
    RETURN QUERY SELECT 'approval_consumed'::text, NULL::text, NULL::text, NULL::bigint, NULL::timestamptz;
    RETURN;
  END IF;
  SELECT * INTO r FROM warden_authorize_payment(p_workspace, p_session, p_amount, p_currency, p_description,
    p_recipient, p_auth_id, p_audit_id, p_actor_type, p_actor_id, a.suggested_by);
  IF r.status = 'authorized' THEN
    UPDATE approval_requests SET consumed_at = clock_timestamp() WHERE id = a.id;
  END IF;
  RETURN QUERY SELECT r.status, r.agent_id, r.crew_id, r.remaining_micros, r.created_at;
END
$$;
