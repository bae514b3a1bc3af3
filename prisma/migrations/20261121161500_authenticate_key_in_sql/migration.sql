-- API keys are authenticated by the database: one function answers for any key hash with the
-- key's status ('ok', 'unknown', 'revoked', 'expired' or 'insufficient_scope' when it holds none
-- of the scopes that grant the route's scope) and records last use at most once a minute. The
-- hot agent routes call it in the same statement as their operation (one database round trip
-- per request); every other route calls it on its own.
CREATE FUNCTION warden_authenticate_key(p_hash text, p_granting text[])
RETURNS TABLE (status text, key_id text, workspace_id text, prefix text, scopes text[], expires_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  k api_keys;
  v_status text;
  v_now timestamptz := clock_timestamp();
BEGIN
  SELECT * INTO k FROM api_keys WHERE hash = p_hash;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::text, NULL::text, NULL::text, NULL::text, NULL::text[], NULL::timestamptz;
    RETURN;
  END IF;
  v_status := CASE
    WHEN k.revoked_at IS NOT NULL THEN 'revoked'
    WHEN k.expires_at IS NOT NULL AND k.expires_at <= v_now THEN 'expired'
    WHEN p_granting IS NOT NULL AND NOT (k.scopes && p_granting) THEN 'insufficient_scope'
    ELSE 'ok'
  END;
  IF v_status IN ('ok', 'insufficient_scope') AND (k.last_used_at IS NULL OR k.last_used_at < v_now - interval '1 minute') THEN
    UPDATE api_keys SET last_used_at = v_now WHERE id = k.id;
  END IF;
  RETURN QUERY SELECT v_status, k.id, k.workspace_id, k.prefix, k.scopes, k.expires_at;
END
$$;
