// Agents over real HTTP: registering agents (explicitly or on first sight), their budgets and
// default scopes (crews and whoami: crews.test.ts).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import {
  allAuditEntries,
  authorize,
  createCrew,
  createSession,
  expectError,
  expectInsufficientScope,
  expectInvalid,
  expectNotFound,
  expectUnauthorized,
  idempotent,
  ISO_UTC,
  patchAgent,
} from "../helpers/governance";

describe("POST /api/v1/agents", () => {
  it("registers an agent with a display name, default scopes and a budget", async () => {
    const { key } = await seedWorkspace();
    const res = await api("POST", "/api/v1/agents", {
      key,
      body: { agent_id: "researcher", display_name: "Researcher", default_scopes: ["read", "search"], budget: 25, budget_window: "day" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        agent_id: "researcher",
        id: expect.stringMatching(/^agt_[0-9A-Z]{26}$/),
        display_name: "Researcher",
        default_scopes: ["read", "search"],
        budget: 25,
        budget_window: "day",
        spent: 0,
        remaining_budget: 25,
        crews: [],
        created_at: expect.stringMatching(ISO_UTC),
      }),
    );
    expect((await api("GET", "/api/v1/agents/researcher", { key })).body).toMatchObject({ display_name: "Researcher", budget: 25 });
    const [created] = (await allAuditEntries(key, { agent_id: "researcher" })).filter((e) => e.action === "agent.created");
    expect(created).toBeDefined();
  });

  it("defaults to no budget, a total window and no default scopes", async () => {
    const { key } = await seedWorkspace();
    const res = await api("POST", "/api/v1/agents", { key, body: { agent_id: "bare" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ display_name: null, default_scopes: [], budget: null, budget_window: "total", remaining_budget: null });
  });

  it("answers an agent_id already registered with 409 conflict", async () => {
    const { key } = await seedWorkspace();
    await createSession(key, { agent_id: "taken" });
    expectError(await api("POST", "/api/v1/agents", { key, body: { agent_id: "taken" } }), 409, "conflict", { field: "agent_id" });
  });

  it("lets two workspaces register the same agent_id independently", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    expect((await api("POST", "/api/v1/agents", { key, body: { agent_id: "twin", budget: 1 } })).status).toBe(201);
    expect((await api("POST", "/api/v1/agents", { key: otherKey, body: { agent_id: "twin", budget: 2 } })).status).toBe(201);
    expect((await api("GET", "/api/v1/agents/twin", { key })).body.budget).toBe(1);
    expect((await api("GET", "/api/v1/agents/twin", { key: otherKey })).body.budget).toBe(2);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a missing agent_id", {}, "agent_id"],
    ["an agent_id with a space", { agent_id: "two words" }, "agent_id"],
    ["an agent_id over 128 characters", { agent_id: "a".repeat(129) }, "agent_id"],
    ["an agent_id of one dot, which no URL can name", { agent_id: "." }, "agent_id"],
    ["an empty display_name", { agent_id: "a", display_name: "  " }, "display_name"],
    ["a display_name over 100 characters", { agent_id: "a", display_name: "n".repeat(101) }, "display_name"],
    ["default_scopes that are not a list", { agent_id: "a", default_scopes: "read" }, "default_scopes"],
    ["a default scope with a space", { agent_id: "a", default_scopes: ["read it"] }, "default_scopes.0"],
    ["a negative budget", { agent_id: "a", budget: -1 }, "budget"],
    ["a budget given as a string", { agent_id: "a", budget: "10" }, "budget"],
    ["an unknown budget_window", { agent_id: "a", budget_window: "week" }, "budget_window"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await seedWorkspace();
    expectInvalid(await api("POST", "/api/v1/agents", { key, body }), field);
  });

  it("refuses a missing key with 401 and a key with only agents:read with 403", async () => {
    const { slug } = await seedWorkspace();
    expectUnauthorized(await api("POST", "/api/v1/agents", { body: { agent_id: "a" } }));
    const reader = await createKey(slug, ["agents:read"]);
    expectInsufficientScope(await api("POST", "/api/v1/agents", { key: reader, body: { agent_id: "a" } }), "agents:write");
  });

  it("replays an Idempotency-Key retry instead of answering 409", async () => {
    const { key } = await seedWorkspace();
    const headers = idempotent(randomUUID());
    const first = await api("POST", "/api/v1/agents", { key, body: { agent_id: "once" }, headers });
    const retry = await api("POST", "/api/v1/agents", { key, body: { agent_id: "once" }, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
  });
});

describe("GET /api/v1/agents and /api/v1/agents/:agent_id", () => {
  it("lists the workspace's agents by agent_id, and only those", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    await createSession(key, { agent_id: "writer" });
    await api("POST", "/api/v1/agents", { key, body: { agent_id: "analyst" } });
    await createSession(otherKey, { agent_id: "outsider" });
    const res = await api("GET", "/api/v1/agents", { key });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(res.body.agents.map((a: { agent_id: string }) => a.agent_id)).toEqual(["analyst", "writer"]);
  });

  it("shows an agent's spend and crews", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "crew" });
    const { session_id } = await createSession(key, { agent_id: "member", scopes: ["spend"], crew_id: crew.crew_id });
    await authorize(key, session_id, 2.5);
    expect((await api("GET", "/api/v1/agents/member", { key })).body).toMatchObject({ spent: 2.5, crews: [crew.crew_id] });
  });

  it("answers an unknown agent, or another workspace's, with 404", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    await createSession(otherKey, { agent_id: "theirs" });
    expectNotFound(await api("GET", "/api/v1/agents/nobody", { key }));
    expectNotFound(await api("GET", "/api/v1/agents/theirs", { key }));
  });

  it("answers an agent_id that cannot exist with 400", async () => {
    const { key } = await seedWorkspace();
    expectInvalid(await api("GET", "/api/v1/agents/two%20words", { key }), "agent_id");
  });

  it("refuses a missing key with 401 and a key without agents:read with 403", async () => {
    const { slug, key } = await seedWorkspace();
    await createSession(key, { agent_id: "a" });
    expectUnauthorized(await api("GET", "/api/v1/agents"));
    expectUnauthorized(await api("GET", "/api/v1/agents/a"));
    const other = await createKey(slug, ["sessions:write"]);
    expectInsufficientScope(await api("GET", "/api/v1/agents", { key: other }), "agents:read");
    expectInsufficientScope(await api("GET", "/api/v1/agents/a", { key: other }), "agents:read");
  });
});

describe("PATCH /api/v1/agents/:agent_id", () => {
  it("changes only the fields given, clears the budget with null, and audits the change", async () => {
    const { key } = await seedWorkspace();
    await api("POST", "/api/v1/agents", { key, body: { agent_id: "tuned", display_name: "Tuned", budget: 10 } });
    expect(await patchAgent(key, "tuned", { budget: 20, default_scopes: ["read"] })).toMatchObject({
      display_name: "Tuned",
      budget: 20,
      default_scopes: ["read"],
      remaining_budget: 20,
    });
    expect(await patchAgent(key, "tuned", { budget: null })).toMatchObject({ budget: null, remaining_budget: null, display_name: "Tuned" });
    const updates = (await allAuditEntries(key, { agent_id: "tuned" })).filter((e) => e.action === "agent.updated");
    expect(updates).toHaveLength(2);
  });

  it("starts the agent's spend again at 0 with reset_spent", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "resettable", scopes: ["spend"] });
    await patchAgent(key, "resettable", { budget: 2 });
    expect((await authorize(key, session_id, 2)).status).toBe(200);
    expect((await authorize(key, session_id, 1)).body.code).toBe("agent_budget_exceeded");
    expect(await patchAgent(key, "resettable", { reset_spent: true })).toMatchObject({ spent: 0, remaining_budget: 2 });
    expect((await authorize(key, session_id, 1)).status).toBe(200);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a negative budget", { budget: -5 }, "budget"],
    ["an unknown budget_window", { budget_window: "hour" }, "budget_window"],
    ["reset_spent false", { reset_spent: false }, "reset_spent"],
    ["a default scope with a space", { default_scopes: ["a b"] }, "default_scopes.0"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await seedWorkspace();
    await createSession(key, { agent_id: "a" });
    expectInvalid(await api("PATCH", "/api/v1/agents/a", { key, body }), field);
  });

  it("answers an unknown agent, or another workspace's, with 404 and changes nothing", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    await createSession(otherKey, { agent_id: "theirs" });
    expectNotFound(await api("PATCH", "/api/v1/agents/nobody", { key, body: { budget: 1 } }));
    expectNotFound(await api("PATCH", "/api/v1/agents/theirs", { key, body: { budget: 1 } }));
    expect((await api("GET", "/api/v1/agents/theirs", { key: otherKey })).body.budget).toBeNull();
  });

  it("refuses a missing key with 401 and a key with only agents:read with 403", async () => {
    const { slug, key } = await seedWorkspace();
    await createSession(key, { agent_id: "a" });
    expectUnauthorized(await api("PATCH", "/api/v1/agents/a", { body: { budget: 1 } }));
    const reader = await createKey(slug, ["agents:read"]);
    expectInsufficientScope(await api("PATCH", "/api/v1/agents/a", { key: reader, body: { budget: 1 } }), "agents:write");
  });
});
