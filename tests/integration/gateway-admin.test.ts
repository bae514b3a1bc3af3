// Gateway management over real HTTP: issuing and revoking the keys agents' OpenAI clients use,
// each bound to a session of its own that carries the token and spend limits.
import { describe, expect, it } from "vitest";
import { api, cli, createKey, seedWorkspace } from "../helpers/api";
import { allAuditEntries, createCrew, expectError, expectInsufficientScope, expectInvalid, expectNotFound, expectUnauthorized, getSession, idempotent, ISO_UTC } from "../helpers/governance";

const issue = (key: string, body: Record<string, unknown>, headers?: Record<string, string>) => api("POST", "/api/v1/gateway/keys", { key, body, headers });

describe("POST /api/v1/gateway/keys", () => {
  it("issues a wgk_ key once and opens a session for the agent in its crew with the token and spend limits", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "writers" });
    const res = await issue(key, { name: "writer's client", agent_id: "writer", crew_id: crew.crew_id, token_limit: 50_000, spend_limit: 2.5 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^gwk_/),
      key: expect.stringMatching(/^wgk_[A-Za-z0-9_-]{43}$/),
      name: "writer's client",
      agent_id: "writer",
      crew_id: crew.crew_id,
      session_id: expect.stringMatching(/^ses_/),
      token_limit: 50_000,
      spend_limit: 2.5,
      created_at: expect.stringMatching(ISO_UTC),
    });
    expect(res.body.prefix).toBe(res.body.key.slice(0, 12));
    const session = await getSession(key, res.body.session_id);
    expect(session).toMatchObject({ agent_id: "writer", crew_id: crew.crew_id, spend_limit: 2.5, token_limit: 50_000, tokens_used: 0, is_valid: true });
    // The default lifetime is the longest a session may have.
    expect(session.ttl).toBe(31_536_000);
  });

  it("lists keys by prefix only: the key is never shown again, not in the list nor in the audit trail", async () => {
    const { key } = await seedWorkspace();
    const issued = (await issue(key, { name: "k", agent_id: "a1" })).body;
    const list = await api("GET", "/api/v1/gateway/keys", { key });
    expect(list.status).toBe(200);
    expect(list.body.keys).toEqual([expect.objectContaining({ id: issued.id, prefix: issued.prefix, token_limit: null, spend_limit: null, revoked_at: null, is_valid: true })]);
    expect(JSON.stringify(list.body)).not.toContain(issued.key);
    const entries = await allAuditEntries(key);
    expect(entries.find((e) => e.action === "gateway.key_issued")).toMatchObject({ agent_id: "a1", session_id: issued.session_id });
    expect(JSON.stringify(entries)).not.toContain(issued.key);
  });

  it("issues keys for one new agent in a crew from concurrent requests, each with its own session", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "busy" });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => issue(key, { name: `k${i}`, agent_id: "fresh-agent", crew_id: crew.crew_id })));
    for (const res of results) expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(new Set(results.map((r) => r.body.session_id)).size).toBe(6);
    expect((await api("GET", "/api/v1/gateway/keys", { key })).body.count).toBe(6);
  });

  it("does not store the key for an Idempotency-Key replay", async () => {
    const { key } = await seedWorkspace();
    const first = await issue(key, { name: "k", agent_id: "a1" }, idempotent("issue-1"));
    const replay = await issue(key, { name: "k", agent_id: "a1" }, idempotent("issue-1"));
    expect(replay.body).toEqual({ ...first.body, key: undefined });
    expect(replay.body.key).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>]>([
    ["name", { agent_id: "a1" }],
    ["agent_id", { name: "k", agent_id: "has space" }],
    ["token_limit", { name: "k", agent_id: "a1", token_limit: -1 }],
    ["token_limit", { name: "k", agent_id: "a1", token_limit: 1.5 }],
    ["spend_limit", { name: "k", agent_id: "a1", spend_limit: -2 }],
    ["crew_id", { name: "k", agent_id: "a1", crew_id: "nope" }],
  ])("answers 400 naming %s", async (field, body) => {
    const { key } = await seedWorkspace();
    expectInvalid(await issue(key, body), field);
  });

  it("answers an unknown crew with 404 and issues nothing", async () => {
    const { key } = await seedWorkspace();
    expectNotFound(await issue(key, { name: "k", agent_id: "a1", crew_id: "crw_01JD0000000000000000000000" }));
    expect((await api("GET", "/api/v1/gateway/keys", { key })).body.count).toBe(0);
  });

  it("refuses a key holding only gateway:read (403) and no key at all (401)", async () => {
    const { slug } = await seedWorkspace();
    const reader = await createKey(slug, ["gateway:read"]);
    expectInsufficientScope(await issue(reader, { name: "k", agent_id: "a1" }), "gateway:write");
    expect((await api("GET", "/api/v1/gateway/keys", { key: reader })).status).toBe(200);
    expectUnauthorized(await api("POST", "/api/v1/gateway/keys", { body: { name: "k", agent_id: "a1" } }));
  });
});

describe("the operator CLI's issue-gateway-key", () => {
  it("issues a key with a token limit and prints it alone on the last line", async () => {
    const { slug, key } = await seedWorkspace();
    const lines = await cli(["issue-gateway-key", "--workspace", slug, "--agent", "demo-agent", "--name", "demo", "--token-limit", "1000"]);
    expect(lines.at(-1)).toMatch(/^wgk_[A-Za-z0-9_-]{43}$/);
    const [listed] = (await api("GET", "/api/v1/gateway/keys", { key })).body.keys;
    expect(listed).toMatchObject({ prefix: lines.at(-1)!.slice(0, 12), agent_id: "demo-agent", token_limit: 1000 });
    await expect(cli(["issue-gateway-key", "--workspace", slug, "--agent", "demo-agent", "--name", "demo", "--token-limit", "many"])).rejects.toThrow(/token_limit/);
  });
});

describe("DELETE /api/v1/gateway/keys/{id}", () => {
  it("revokes the key and its session, audited; repeating is harmless", async () => {
    const { key } = await seedWorkspace();
    const issued = (await issue(key, { name: "k", agent_id: "a1" })).body;
    const res = await api("DELETE", `/api/v1/gateway/keys/${issued.id}`, { key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: true, id: issued.id, session_id: issued.session_id });
    expect((await getSession(key, issued.session_id)).is_valid).toBe(false);
    expect((await api("GET", "/api/v1/gateway/keys", { key })).body.keys[0]).toMatchObject({ revoked_at: expect.stringMatching(ISO_UTC), is_valid: false });
    expect((await api("DELETE", `/api/v1/gateway/keys/${issued.id}`, { key })).status).toBe(200);
    const revoked = (await allAuditEntries(key)).filter((e) => e.action === "gateway.key_revoked");
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ session_id: issued.session_id, details: { key_id: issued.id, prefix: issued.prefix } });
  });

  it("shows a key whose session was revoked on its own as no longer valid", async () => {
    const { key } = await seedWorkspace();
    const issued = (await issue(key, { name: "k", agent_id: "a1" })).body;
    expect((await api("DELETE", `/api/v1/sessions/${issued.session_id}`, { key })).status).toBe(200);
    expect((await api("GET", "/api/v1/gateway/keys", { key })).body.keys[0]).toMatchObject({ revoked_at: null, is_valid: false });
  });

  it("answers another workspace's key and an unknown id with 404, and a malformed id with 400", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const issued = (await issue(otherKey, { name: "k", agent_id: "a1" })).body;
    expectNotFound(await api("DELETE", `/api/v1/gateway/keys/${issued.id}`, { key }));
    expect((await getSession(otherKey, issued.session_id)).is_valid).toBe(true);
    expectNotFound(await api("DELETE", "/api/v1/gateway/keys/gwk_unknown", { key }));
    expectError(await api("DELETE", "/api/v1/gateway/keys/ses_x", { key }), 400, "invalid_request", { field: "id" });
  });
});
