// Gateway settings and the call log's contract over real HTTP, and the LLM token budgets of
// sessions, agents and crews that warden_reserve_llm enforces. (Calls themselves are written by
// the gateway's call path; its tests list them with real rows.)
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import { allAuditEntries, createCrew, expectInsufficientScope, expectInvalid, expectNotFound, expectUnauthorized, getSession, patchAgent } from "../helpers/governance";

describe("GET/PATCH /api/v1/gateway/settings", () => {
  it("stores no bodies by default, round-trips store_bodies and audits each change once", async () => {
    const { key } = await seedWorkspace();
    expect((await api("GET", "/api/v1/gateway/settings", { key })).body).toEqual({ store_bodies: false });
    expect((await api("PATCH", "/api/v1/gateway/settings", { key, body: { store_bodies: true } })).body).toEqual({ store_bodies: true });
    await api("PATCH", "/api/v1/gateway/settings", { key, body: { store_bodies: true } });
    expect((await api("GET", "/api/v1/gateway/settings", { key })).body).toEqual({ store_bodies: true });
    const changes = (await allAuditEntries(key)).filter((e) => e.action === "gateway.settings_changed");
    expect(changes.map((e) => e.details)).toEqual([{ store_bodies: true, previous_store_bodies: false }]);
  });

  it("answers 400 naming store_bodies, 403 for gateway:read and 401 without a key", async () => {
    const { slug, key } = await seedWorkspace();
    expectInvalid(await api("PATCH", "/api/v1/gateway/settings", { key, body: { store_bodies: "yes" } }), "store_bodies");
    const reader = await createKey(slug, ["gateway:read"]);
    expectInsufficientScope(await api("PATCH", "/api/v1/gateway/settings", { key: reader, body: { store_bodies: true } }), "gateway:write");
    expectUnauthorized(await api("GET", "/api/v1/gateway/settings"));
  });
});

describe("GET /api/v1/gateway/calls", () => {
  it("lists no calls for a new workspace, and answers an unknown call with 404", async () => {
    const { key } = await seedWorkspace();
    expect((await api("GET", "/api/v1/gateway/calls?limit=5", { key })).body).toEqual({ count: 0, calls: [], next_cursor: null });
    expectNotFound(await api("GET", "/api/v1/gateway/calls/llm_01JD0000000000000000000000", { key }));
  });

  it.each([
    ["cursor", "cursor=not-a-cursor"],
    ["key_id", "key_id=ses_1"],
    ["limit", "limit=0"],
  ])("answers 400 naming %s", async (field, query) => {
    const { key } = await seedWorkspace();
    expectInvalid(await api("GET", `/api/v1/gateway/calls?${query}`, { key }), field);
  });

  it("needs gateway:read", async () => {
    const { slug } = await seedWorkspace();
    const auditor = await createKey(slug, ["audit:read"]);
    expectInsufficientScope(await api("GET", "/api/v1/gateway/calls", { key: auditor }), "gateway:read");
  });
});

describe("token budgets", () => {
  it("sets, shows and clears an agent's token_budget, starting at 0 tokens used", async () => {
    const { key } = await seedWorkspace();
    expect((await api("POST", "/api/v1/agents", { key, body: { agent_id: "a1", token_budget: 1_000_000 } })).body).toMatchObject({ token_budget: 1_000_000, tokens_used: 0 });
    expect(await patchAgent(key, "a1", { token_budget: 250 })).toMatchObject({ token_budget: 250 });
    expect((await api("GET", "/api/v1/agents/a1", { key })).body).toMatchObject({ token_budget: 250, tokens_used: 0 });
    expect(await patchAgent(key, "a1", { token_budget: null })).toMatchObject({ token_budget: null });
  });

  it("sets, shows and changes a crew's token_budget", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "c", token_budget: 5000 });
    expect(crew).toMatchObject({ token_budget: 5000, tokens_used: 0 });
    expect((await api("PATCH", `/api/v1/crews/${crew.crew_id}`, { key, body: { token_budget: 0 } })).body).toMatchObject({ token_budget: 0 });
    expect((await api("GET", `/api/v1/crews/${crew.crew_id}`, { key })).body).toMatchObject({ token_budget: 0, tokens_used: 0 });
  });

  it("gives a session its token_limit, shown with tokens used", async () => {
    const { key } = await seedWorkspace();
    const created = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "a1", token_limit: 4096 } });
    expect(created.body).toMatchObject({ token_limit: 4096 });
    expect(await getSession(key, created.body.session_id)).toMatchObject({ token_limit: 4096, tokens_used: 0 });
    const uncapped = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "a1" } });
    expect(await getSession(key, uncapped.body.session_id)).toMatchObject({ token_limit: null });
  });

  it.each<[string, string, Record<string, unknown>]>([
    ["POST", "/api/v1/agents", { agent_id: "a2", token_budget: -1 }],
    ["PATCH", "/api/v1/agents/a1", { token_budget: 2.5 }],
    ["POST", "/api/v1/crews", { name: "c", token_budget: "lots" }],
    ["POST", "/api/v1/sessions", { agent_id: "a1", token_limit: -5 }],
  ])("%s %s answers 400 naming the token field", async (method, path, body) => {
    const { key } = await seedWorkspace();
    await api("POST", "/api/v1/agents", { key, body: { agent_id: "a1" } });
    expectInvalid(await api(method, path, { key, body }), "token_limit" in body ? "token_limit" : "token_budget");
  });
});
