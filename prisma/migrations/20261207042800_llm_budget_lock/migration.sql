-- A gateway call takes its session's budget rows (session, then agent, then crew: the order of
-- warden_reserve_llm, warden_settle_llm and the payment functions) before its decision appends to
-- the workspace's audit chain. Its recording transaction settles (the same rows, the same order)
-- before appending too, so the two transactions of concurrent calls can never wait on each other
-- in a cycle (budget rows, then chain head, always).
CREATE FUNCTION warden_lock_llm_budgets(p_workspace text, p_session text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  s sessions;
BEGIN
  SELECT * INTO s FROM sessions WHERE id = p_session AND workspace_id = p_workspace FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  PERFORM 1 FROM agents WHERE id = s.agent_pk FOR UPDATE;
  IF s.crew_id IS NOT NULL THEN
    PERFORM 1 FROM crews WHERE id = s.crew_id FOR UPDATE;
  END IF;
END
$$;
