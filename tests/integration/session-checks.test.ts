// Sessions over real HTTP, continued: scope checks that always answer 200 and are always audited,
// revocation that takes effect for the very next call, TTL expiry, and crew membership.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import {
  allAuditEntries,
  authorize,
  check,
  createSession,
  expectInsufficientScope,
  expectInvalid,
  expectUnauthorized,
  getSession,
  idempotent,
  logAction,
  revokeSession,
  waitUntilPast,
} from "../helpers/governance";

describe("POST /api/v1/sessions/:id/check", () => {
  it("allows a scope the session holds and denies one it lacks, always with 200", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "checker", scopes: ["read", "execute"] });
    const allowed = await check(key, session_id, "execute");
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({ allowed: true, session_id, scope: "execute", reason: expect.any(String) });
    const denied = await check(key, session_id, "write");
    expect(denied.status).toBe(200);
    expect(denied.body).toEqual({ allowed: false, session_id, scope: "write", reason: expect.any(String) });
  });

  it("lets the admin scope allow every scope", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "root", scopes: ["admin"] });
    for (const scope of ["read", "write", "delete_everything", "spend:1000"]) {
      expect((await check(key, session_id, scope)).body.allowed, scope).toBe(true);
    }
  });

  it("lets the scope spend allow spend:10", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "buyer", scopes: ["spend"] });
    expect((await check(key, session_id, "spend:10")).body.allowed).toBe(true);
    expect((await check(key, session_id, "spend")).body.allowed).toBe(true);
    expect((await check(key, session_id, "read")).body.allowed).toBe(false);
  });

  it("does not let read allow a scope that merely starts with read", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "reader", scopes: ["read"] });
    expect((await check(key, session_id, "read_secrets")).body.allowed).toBe(false);
    expect((await check(key, session_id, "admin")).body.allowed).toBe(false);
  });

  it("answers an unknown session, or another workspace's, with 200 allowed:false", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const theirs = await createSession(otherKey, { agent_id: "theirs", scopes: ["read"] });
    for (const sessionId of ["ses_01JD0000000000000000000000", theirs.session_id]) {
      const res = await check(key, sessionId, "read");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ allowed: false, session_id: sessionId, scope: "read", reason: expect.any(String) });
    }
  });

  it("audits every check and flags the denials", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "watched", scopes: ["read"] });
    await check(key, session_id, "read");
    await check(key, session_id, "admin");
    await check(key, "ses_01JD0000000000000000000000", "read");
    const checks = (await allAuditEntries(key)).filter((e) => e.action === "scope.check").reverse();
    expect(checks).toHaveLength(3);
    expect(checks[0]).toMatchObject({ session_id, agent_id: "watched", decision: "ALLOW", flagged: false, flag_reason: null, details: { scope: "read" } });
    expect(checks[1]).toMatchObject({ session_id, agent_id: "watched", decision: "BLOCK", flagged: true, flag_reason: "denied_check", details: { scope: "admin" } });
    expect(checks[2]).toMatchObject({ session_id: "ses_01JD0000000000000000000000", decision: "BLOCK", flagged: true });
  });

  it("audits denials without flagging them when the workspace turns flag_denied_checks off", async () => {
    const { key } = await seedWorkspace();
    expect((await api("PUT", "/api/v1/audit/rules", { key, body: { flag_denied_checks: false } })).status).toBe(200);
    const { session_id } = await createSession(key, { agent_id: "quiet", scopes: ["read"] });
    await check(key, session_id, "admin");
    const [denial] = (await allAuditEntries(key, { session_id })).filter((e) => e.action === "scope.check");
    expect(denial).toMatchObject({ decision: "BLOCK", flagged: false, flag_reason: null });
  });

  it.each<[string, unknown, string]>([
    ["a missing scope", {}, "scope"],
    ["an empty scope", { scope: "" }, "scope"],
    ["a scope with a space", { scope: "send email" }, "scope"],
    ["a scope over 64 characters", { scope: "s".repeat(65) }, "scope"],
    ["a numeric scope", { scope: 7 }, "scope"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a" });
    expectInvalid(await api("POST", `/api/v1/sessions/${session_id}/check`, { key, body }), field);
  });

  it("refuses a missing key with 401 and a key without sessions:write with 403", async () => {
    const { slug, key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a" });
    expectUnauthorized(await check("", session_id, "read"));
    const readOnly = await createKey(slug, ["sessions:read"]);
    expectInsufficientScope(await check(readOnly, session_id, "read"), "sessions:write");
  });

  it("replays an Idempotency-Key retry without auditing the check twice", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "a", scopes: ["read"] });
    const headers = idempotent(randomUUID());
    const first = await api("POST", `/api/v1/sessions/${session_id}/check`, { key, body: { scope: "read" }, headers });
    const retry = await api("POST", `/api/v1/sessions/${session_id}/check`, { key, body: { scope: "read" }, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect((await allAuditEntries(key, { session_id })).filter((e) => e.action === "scope.check")).toHaveLength(1);
  });
});

describe("a revoked session", () => {
  it("fails every call once DELETE has returned: check, authorize, log, batch", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "fired", scopes: ["read", "spend"], spend_limit: 100 });
    expect((await check(key, session_id, "read")).body.allowed).toBe(true);
    expect((await authorize(key, session_id, 1)).status).toBe(200);
    expect((await logAction(key, { session_id, action: "work" })).status).toBe(201);

    await revokeSession(key, session_id);

    const checked = await check(key, session_id, "read");
    expect(checked.status).toBe(200);
    expect(checked.body.allowed).toBe(false);
    const payment = await authorize(key, session_id, 1);
    expect(payment.status).toBe(401);
    expect(payment.body).toMatchObject({ authorized: false, code: "session_invalid", reason: expect.any(String) });
    expectUnauthorized(await logAction(key, { session_id, action: "more work" }));
    expectUnauthorized(await api("POST", "/api/v1/audit/batch", { key, body: { events: [{ session_id, action: "batched" }] } }));
    expect(await getSession(key, session_id)).toMatchObject({ is_valid: false, spent: 1 });
  });

  it("refuses every payment that starts after DELETE returned, even with payments in flight", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "racer", scopes: ["spend"] });
    const inFlight = Promise.all(Array.from({ length: 20 }, () => authorize(key, session_id, 1)));
    await revokeSession(key, session_id);
    const after = await Promise.all(Array.from({ length: 10 }, () => authorize(key, session_id, 1)));
    for (const res of after) expect(res.status).toBe(401);
    const before = await inFlight;
    const authorized = before.filter((r) => r.status === 200).length;
    for (const res of before) expect([200, 401]).toContain(res.status);
    expect((await getSession(key, session_id)).spent).toBe(authorized);
  });
});

describe("session expiry", () => {
  it("honours the ttl: once expired, check, authorize and log fail", async () => {
    const { key } = await seedWorkspace();
    const created = await createSession(key, { agent_id: "brief", scopes: ["read", "spend"], ttl: 1 });
    const session = await getSession(key, created.session_id);
    expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(1000);

    await waitUntilPast(created.expires_at!);

    expect((await check(key, created.session_id, "read")).body).toMatchObject({ allowed: false });
    const payment = await authorize(key, created.session_id, 1);
    expect(payment.status).toBe(401);
    expect(payment.body).toMatchObject({ authorized: false, code: "session_invalid" });
    expectUnauthorized(await logAction(key, { session_id: created.session_id, action: "late" }));
    expect(await getSession(key, created.session_id)).toMatchObject({ is_valid: false, revoked_at: null, spent: 0 });
  });
});

describe("sessions and crew membership", () => {
  it("charges a session that names no crew to its agent's only crew", async () => {
    const { key } = await seedWorkspace();
    const crew = await api("POST", "/api/v1/crews", { key, body: { name: "solo", budget: 1, agent_ids: ["member"] } });
    const session = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "member", scopes: ["spend"] } });
    expect(session.body.crew_id).toBe(crew.body.crew_id);
    const refused = await api("POST", "/api/v1/payments/authorize", { key, body: { session_id: session.body.session_id, amount: 2 } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("crew_budget_exceeded");
  });

  it("asks for crew_id when the agent belongs to several crews", async () => {
    const { key } = await seedWorkspace();
    await api("POST", "/api/v1/crews", { key, body: { name: "one", agent_ids: ["member"] } });
    await api("POST", "/api/v1/crews", { key, body: { name: "two", agent_ids: ["member"] } });
    const res = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "member" } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "invalid_request", field: "crew_id" });
  });

  it("refuses an unknown field instead of ignoring it (a misspelt spend_limit must not uncap a session)", async () => {
    const { key } = await seedWorkspace();
    const res = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "a", spend_limt: 0 } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: "spend_limt" });
  });

  it("refuses a malformed or repeated spend:N scope", async () => {
    const { key } = await seedWorkspace();
    const bad = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "a", scopes: ["read", "spend:abc"] } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("scopes.1");
    const twice = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "a", scopes: ["spend:5", "spend:10"] } });
    expect(twice.status).toBe(400);
    expect(twice.body.field).toBe("scopes.1");
  });
});
