-- No session lives forever: `ttl: 0` now means the maximum TTL (365 days). Sessions created
-- with ttl 0 before this change (expires_at NULL) get that maximum, counted from their creation.
UPDATE "sessions"
SET "ttl" = 31536000, "expires_at" = "created_at" + interval '31536000 seconds'
WHERE "expires_at" IS NULL;
