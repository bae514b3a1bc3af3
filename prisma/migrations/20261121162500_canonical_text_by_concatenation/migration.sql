-- The canonical text of an audit entry, built by concatenation instead of through a jsonb
-- value: byte for byte the same text as before (jsonb's text form: keys ordered by length, then
-- bytes; ", " and ": " separators; strings escaped as JSON; details as their own jsonb text),
-- so every existing hash stays valid, at about 60 % of the cost per entry (9.5 µs instead of
-- 16.5 µs on PGlite), which is what bounds batch ingest. The keys below are in that order:
-- id, seq, tool, action, details, flagged, actor_id, agent_id, decision, prev_hash, timestamp,
-- actor_type, session_id, cost_micros, flag_reason, suggested_by, workspace_id.
CREATE OR REPLACE FUNCTION warden_audit_canonical(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '{"id": ' || coalesce(to_json(e.id)::text, 'null')
    || ', "seq": ' || coalesce(e.seq::text, 'null')
    || ', "tool": ' || coalesce(to_json(e.tool)::text, 'null')
    || ', "action": ' || coalesce(to_json(e.action)::text, 'null')
    || ', "details": ' || coalesce(e.details::text, 'null')
    || ', "flagged": ' || coalesce(e.flagged::text, 'null')
    || ', "actor_id": ' || coalesce(to_json(e.actor_id)::text, 'null')
    || ', "agent_id": ' || coalesce(to_json(e.agent_id)::text, 'null')
    || ', "decision": ' || coalesce(to_json(e.decision)::text, 'null')
    || ', "prev_hash": ' || coalesce(to_json(e.prev_hash)::text, 'null')
    || ', "timestamp": ' || coalesce(to_json(to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null')
    || ', "actor_type": ' || coalesce(to_json(e.actor_type)::text, 'null')
    || ', "session_id": ' || coalesce(to_json(e.session_id)::text, 'null')
    || ', "cost_micros": ' || coalesce(e.cost_micros::text, 'null')
    || ', "flag_reason": ' || coalesce(to_json(e.flag_reason)::text, 'null')
    || ', "suggested_by": ' || coalesce(to_json(e.suggested_by)::text, 'null')
    || ', "workspace_id": ' || coalesce(to_json(e.workspace_id)::text, 'null')
    || '}'
$$;
