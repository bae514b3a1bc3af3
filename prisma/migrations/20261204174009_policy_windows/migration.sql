-- CreateTable
CREATE TABLE "policy_window_hits" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "counter" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_window_hits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "policy_window_hits_workspace_id_subject_counter_created_at_idx" ON "policy_window_hits"("workspace_id", "subject", "counter", "created_at");

-- Every windowed policy limit is checked and consumed atomically (issue 11). A decision that
-- depends on a window calls warden_policy_windows first, inside the transaction that then
-- writes the receipt, charges the budgets and raises any approval request. It locks the session,
-- its agent, and the session's crew together with the crews of crew-wide windows (sorted by id):
-- the order warden_authorize_payment locks them, so it cannot deadlock with it, and all before
-- the audit chain head (which the receipt then locks), as every other writer does;
-- every decision sharing a window therefore waits for the one before to commit. Only then does
-- it read the counts (a new statement sees what the previous holder committed), and it records
-- this request's own hits at once: every request the policy evaluates counts toward the
-- request windows, whatever its outcome. Spend windows sum authorized payments only.
--
-- p_subjects/p_counters/p_seconds: the hit windows to count (and record) for this request.
-- p_payment_subjects: 'agent:<agent id>' / 'crew:<crew id>' whose authorized payments to sum
-- (rolling hour and day, and to p_recipient within p_within_minutes).
-- Returns {agent_id, live, hits: [earlier hits per window], payments: {subject: {hour, day, same}}}
-- (micro-units as text), or {live: false} for an unknown session.
CREATE FUNCTION warden_policy_windows(
  p_workspace text, p_session text, p_crews text[],
  p_subjects text[], p_counters text[], p_seconds int[],
  p_payment_subjects text[], p_recipient text, p_within_minutes int
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  s sessions;
  v_now timestamptz;
  v_hits int[];
  v_payments jsonb;
BEGIN
  SELECT * INTO s FROM sessions WHERE id = p_session AND workspace_id = p_workspace FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('live', false);
  END IF;
  PERFORM 1 FROM agents WHERE id = s.agent_pk FOR UPDATE;
  IF cardinality(p_crews) > 0 OR s.crew_id IS NOT NULL THEN
    PERFORM 1 FROM crews WHERE workspace_id = p_workspace AND (id = ANY(p_crews) OR id = s.crew_id) ORDER BY id FOR UPDATE;
  END IF;
  v_now := clock_timestamp();
  IF s.revoked_at IS NOT NULL OR (s.expires_at IS NOT NULL AND s.expires_at <= v_now) THEN
    RETURN jsonb_build_object('live', false, 'agent_id', s.agent_id);
  END IF;

  SELECT coalesce(array_agg(c.n ORDER BY t.ord), '{}') INTO v_hits
  FROM unnest(p_subjects, p_counters, p_seconds) WITH ORDINALITY AS t(subject, counter, seconds, ord)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS n FROM policy_window_hits h
    WHERE h.workspace_id = p_workspace AND h.subject = t.subject AND h.counter = t.counter
      AND h.created_at > v_now - make_interval(secs => t.seconds)
  ) c;

  SELECT coalesce(jsonb_object_agg(per.subject, jsonb_build_object('hour', per.hour, 'day', per.day, 'same', per.same)), '{}')
    INTO v_payments
  FROM (
    SELECT ps.subject,
           coalesce(sum(pa.amount_micros) FILTER (WHERE pa.created_at > v_now - interval '1 hour'), 0)::text AS hour,
           coalesce(sum(pa.amount_micros), 0)::text AS day,
           count(pa.id) FILTER (WHERE pa.recipient = p_recipient AND pa.created_at > v_now - make_interval(mins => p_within_minutes))::int AS same
    FROM unnest(p_payment_subjects) AS ps(subject)
    LEFT JOIN LATERAL (
      SELECT x.id, x.amount_micros, x.created_at, x.recipient FROM payment_authorizations x
      WHERE x.workspace_id = p_workspace AND x.created_at > v_now - interval '1 day'
        AND x.agent_id = ANY(CASE WHEN ps.subject LIKE 'agent:%' THEN ARRAY[substr(ps.subject, 7)]
                                  ELSE ARRAY(SELECT a.agent_id FROM crew_members m JOIN agents a ON a.id = m.agent_pk
                                             WHERE m.crew_id = substr(ps.subject, 6)) END)
    ) pa ON true
    GROUP BY ps.subject
  ) per;

  IF cardinality(p_subjects) > 0 THEN
    DELETE FROM policy_window_hits
    WHERE workspace_id = p_workspace AND subject = ANY(p_subjects) AND counter = ANY(p_counters)
      AND created_at < v_now - interval '1 day';
    INSERT INTO policy_window_hits (workspace_id, subject, counter, created_at)
    SELECT p_workspace, t.subject, t.counter, v_now FROM unnest(p_subjects, p_counters) AS t(subject, counter);
  END IF;

  RETURN jsonb_build_object('live', true, 'agent_id', s.agent_id, 'hits', to_jsonb(v_hits), 'payments', v_payments);
END
$$;
