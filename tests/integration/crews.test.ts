// Crews over real HTTP: grouping agents under one budget, with membership changes audited; and
// whoami, the identity of any valid key.
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
} from "../helpers/governance";

const UNKNOWN_CREW = "crw_01JD0000000000000000000000";

describe("POST /api/v1/crews", () => {
  it("creates a crew with a budget and members, registering agents not yet seen", async () => {
    const { key } = await seedWorkspace();
    const res = await api("POST", "/api/v1/crews", {
      key,
      body: { name: "research", description: "finds things", budget: 15, budget_window: "day", agent_ids: ["researcher", "analyst", "researcher"] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        crew_id: expect.stringMatching(/^crw_[0-9A-Z]{26}$/),
        name: "research",
        description: "finds things",
        budget: 15,
        budget_window: "day",
        spent: 0,
        remaining_budget: 15,
        members: ["researcher", "analyst"],
        created_at: expect.stringMatching(ISO_UTC),
      }),
    );
    expect((await api("GET", "/api/v1/agents/analyst", { key })).body.crews).toEqual([res.body.crew_id]);
    expect((await allAuditEntries(key)).filter((e) => e.action === "crew.created")).toHaveLength(1);
  });

  it("defaults to no budget and a per-run window", async () => {
    const { key } = await seedWorkspace();
    expect(await createCrew(key, { name: "plain" })).toMatchObject({ budget: null, budget_window: "run", members: [] });
  });

  it("answers a name already used in the workspace with 409, but not one used in another workspace", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    await createCrew(key, { name: "dup" });
    expectError(await api("POST", "/api/v1/crews", { key, body: { name: "dup" } }), 409, "conflict", { field: "name" });
    expect((await api("POST", "/api/v1/crews", { key: otherKey, body: { name: "dup" } })).status).toBe(201);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a missing name", {}, "name"],
    ["an empty name", { name: "   " }, "name"],
    ["a name over 100 characters", { name: "n".repeat(101) }, "name"],
    ["a description over 1000 characters", { name: "c", description: "d".repeat(1001) }, "description"],
    ["a negative budget", { name: "c", budget: -1 }, "budget"],
    ["an unknown budget_window", { name: "c", budget_window: "week" }, "budget_window"],
    ["agent_ids that are not a list", { name: "c", agent_ids: "a" }, "agent_ids"],
    ["an agent id with a space", { name: "c", agent_ids: ["ok", "not ok"] }, "agent_ids.1"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await seedWorkspace();
    expectInvalid(await api("POST", "/api/v1/crews", { key, body }), field);
  });

  it("refuses a missing key with 401 and a key with only crews:read with 403", async () => {
    const { slug } = await seedWorkspace();
    expectUnauthorized(await api("POST", "/api/v1/crews", { body: { name: "c" } }));
    const reader = await createKey(slug, ["crews:read"]);
    expectInsufficientScope(await api("POST", "/api/v1/crews", { key: reader, body: { name: "c" } }), "crews:write");
  });

  it("replays an Idempotency-Key retry instead of answering 409", async () => {
    const { key } = await seedWorkspace();
    const headers = idempotent(randomUUID());
    const first = await api("POST", "/api/v1/crews", { key, body: { name: "once", budget: 5 }, headers });
    const retry = await api("POST", "/api/v1/crews", { key, body: { name: "once", budget: 5 }, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await api("GET", "/api/v1/crews", { key })).body.count).toBe(1);
  });
});

describe("GET /api/v1/crews and /api/v1/crews/:id", () => {
  it("lists the workspace's crews, and only those", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    await createCrew(key, { name: "one" });
    await createCrew(key, { name: "two" });
    await createCrew(otherKey, { name: "theirs" });
    const res = await api("GET", "/api/v1/crews", { key });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(res.body.crews.map((c: { name: string }) => c.name).sort()).toEqual(["one", "two"]);
  });

  it("shows a crew's budget, spend and members", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "spenders", budget: 10 });
    const { session_id } = await createSession(key, { agent_id: "member", scopes: ["spend"], crew_id: crew.crew_id });
    await authorize(key, session_id, 4);
    const res = await api("GET", `/api/v1/crews/${crew.crew_id}`, { key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ crew_id: crew.crew_id, budget: 10, spent: 4, remaining_budget: 6, members: ["member"] });
  });

  it("answers an unknown crew, or another workspace's, with 404", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const theirs = await createCrew(otherKey, { name: "theirs" });
    expectNotFound(await api("GET", `/api/v1/crews/${UNKNOWN_CREW}`, { key }));
    expectNotFound(await api("GET", `/api/v1/crews/${theirs.crew_id}`, { key }));
  });

  it("refuses a missing key with 401 and a key without crews:read with 403", async () => {
    const { slug, key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "c" });
    expectUnauthorized(await api("GET", "/api/v1/crews"));
    expectUnauthorized(await api("GET", `/api/v1/crews/${crew.crew_id}`));
    const other = await createKey(slug, ["agents:write"]);
    expectInsufficientScope(await api("GET", "/api/v1/crews", { key: other }), "crews:read");
    expectInsufficientScope(await api("GET", `/api/v1/crews/${crew.crew_id}`, { key: other }), "crews:read");
  });
});

describe("PATCH /api/v1/crews/:id", () => {
  it("changes the fields given and audits the change", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "old", description: "before", budget: 5 });
    const res = await api("PATCH", `/api/v1/crews/${crew.crew_id}`, { key, body: { name: "new", budget: 50, budget_window: "month" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "new", description: "before", budget: 50, budget_window: "month", remaining_budget: 50 });
    const cleared = await api("PATCH", `/api/v1/crews/${crew.crew_id}`, { key, body: { description: null, budget: null } });
    expect(cleared.body).toMatchObject({ description: null, budget: null, remaining_budget: null });
    expect((await allAuditEntries(key)).filter((e) => e.action === "crew.updated")).toHaveLength(2);
  });

  it("starts a new run with reset_spent: spend goes back to 0 and payments resume", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "runner", budget: 3 });
    const { session_id } = await createSession(key, { agent_id: "a", scopes: ["spend"], crew_id: crew.crew_id });
    expect((await authorize(key, session_id, 3)).status).toBe(200);
    expect((await authorize(key, session_id, 1)).body.code).toBe("crew_budget_exceeded");
    const reset = await api("PATCH", `/api/v1/crews/${crew.crew_id}`, { key, body: { reset_spent: true } });
    expect(reset.body).toMatchObject({ spent: 0, remaining_budget: 3 });
    expect((await authorize(key, session_id, 1)).status).toBe(200);
  });

  it("answers a name another crew of the workspace has with 409", async () => {
    const { key } = await seedWorkspace();
    await createCrew(key, { name: "first" });
    const second = await createCrew(key, { name: "second" });
    expectError(await api("PATCH", `/api/v1/crews/${second.crew_id}`, { key, body: { name: "first" } }), 409, "conflict");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an empty name", { name: "" }, "name"],
    ["a negative budget", { budget: -1 }, "budget"],
    ["an unknown budget_window", { budget_window: "fortnight" }, "budget_window"],
  ])("answers %s with 400 naming the field", async (_case, body, field) => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "c" });
    expectInvalid(await api("PATCH", `/api/v1/crews/${crew.crew_id}`, { key, body }), field);
  });

  it("answers an unknown crew, or another workspace's, with 404 and changes nothing", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const theirs = await createCrew(otherKey, { name: "theirs", budget: 1 });
    expectNotFound(await api("PATCH", `/api/v1/crews/${UNKNOWN_CREW}`, { key, body: { budget: 100 } }));
    expectNotFound(await api("PATCH", `/api/v1/crews/${theirs.crew_id}`, { key, body: { budget: 100 } }));
    expect((await api("GET", `/api/v1/crews/${theirs.crew_id}`, { key: otherKey })).body.budget).toBe(1);
  });

  it("refuses a missing key with 401 and a key with only crews:read with 403", async () => {
    const { slug, key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "c" });
    expectUnauthorized(await api("PATCH", `/api/v1/crews/${crew.crew_id}`, { body: { budget: 1 } }));
    const reader = await createKey(slug, ["crews:read"]);
    expectInsufficientScope(await api("PATCH", `/api/v1/crews/${crew.crew_id}`, { key: reader, body: { budget: 1 } }), "crews:write");
  });
});

describe("POST and DELETE /api/v1/crews/:id/members/:agent_id", () => {
  it("adds an agent (registering it) once however often it is added, and audits the change", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "c" });
    const added = await api("POST", `/api/v1/crews/${crew.crew_id}/members/recruit`, { key });
    expect(added.status).toBe(200);
    expect(added.body.members).toEqual(["recruit"]);
    expect((await api("POST", `/api/v1/crews/${crew.crew_id}/members/recruit`, { key })).body.members).toEqual(["recruit"]);
    expect((await api("GET", "/api/v1/agents/recruit", { key })).body.crews).toEqual([crew.crew_id]);
    const events = (await allAuditEntries(key, { agent_id: "recruit" })).filter((e) => e.action === "crew.member_added");
    expect(events[0]).toMatchObject({ details: { crew_id: crew.crew_id } });
  });

  it("removes a member and audits the removal; removing a non-member is a 404", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "c", agent_ids: ["stay", "leave"] });
    const removed = await api("DELETE", `/api/v1/crews/${crew.crew_id}/members/leave`, { key });
    expect(removed.status).toBe(200);
    expect(removed.body.members).toEqual(["stay"]);
    expect((await allAuditEntries(key, { agent_id: "leave" })).filter((e) => e.action === "crew.member_removed")).toHaveLength(1);
    expectNotFound(await api("DELETE", `/api/v1/crews/${crew.crew_id}/members/leave`, { key }));
    expectNotFound(await api("DELETE", `/api/v1/crews/${crew.crew_id}/members/stranger`, { key }));
  });

  it("answers an unknown crew, or another workspace's, with 404 and registers nobody", async () => {
    const { key } = await seedWorkspace();
    const { key: otherKey } = await seedWorkspace();
    const theirs = await createCrew(otherKey, { name: "theirs", agent_ids: ["insider"] });
    expectNotFound(await api("POST", `/api/v1/crews/${UNKNOWN_CREW}/members/infiltrator`, { key }));
    expectNotFound(await api("POST", `/api/v1/crews/${theirs.crew_id}/members/infiltrator`, { key }));
    expectNotFound(await api("DELETE", `/api/v1/crews/${theirs.crew_id}/members/insider`, { key }));
    expectNotFound(await api("GET", "/api/v1/agents/infiltrator", { key }));
    expect((await api("GET", `/api/v1/crews/${theirs.crew_id}`, { key: otherKey })).body.members).toEqual(["insider"]);
  });

  it("answers an agent_id that cannot exist with 400", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "c" });
    expectInvalid(await api("POST", `/api/v1/crews/${crew.crew_id}/members/two%20words`, { key }), "agent_id");
  });

  it("refuses a missing key with 401 and a key with only crews:read with 403", async () => {
    const { slug, key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "c", agent_ids: ["member"] });
    expectUnauthorized(await api("POST", `/api/v1/crews/${crew.crew_id}/members/x`));
    expectUnauthorized(await api("DELETE", `/api/v1/crews/${crew.crew_id}/members/member`));
    const reader = await createKey(slug, ["crews:read"]);
    expectInsufficientScope(await api("POST", `/api/v1/crews/${crew.crew_id}/members/x`, { key: reader }), "crews:write");
    expectInsufficientScope(await api("DELETE", `/api/v1/crews/${crew.crew_id}/members/member`, { key: reader }), "crews:write");
  });

  it("replays an Idempotency-Key retry of an addition", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "c" });
    const headers = idempotent(randomUUID());
    const first = await api("POST", `/api/v1/crews/${crew.crew_id}/members/m`, { key, headers });
    const retry = await api("POST", `/api/v1/crews/${crew.crew_id}/members/m`, { key, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect((await allAuditEntries(key, { agent_id: "m" })).filter((e) => e.action === "crew.member_added")).toHaveLength(1);
  });
});

describe("GET /api/v1/whoami", () => {
  it("tells any valid key its workspace, id, prefix and scopes", async () => {
    const { key } = await seedWorkspace(["audit:read"]);
    const res = await api("GET", "/api/v1/whoami", { key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      workspace_id: expect.stringMatching(/^wsp_/),
      key_id: expect.stringMatching(/^key_/),
      prefix: key.slice(0, 12),
      scopes: ["audit:read"],
    });
  });

  it("refuses a missing or unknown key with 401", async () => {
    expectUnauthorized(await api("GET", "/api/v1/whoami"));
    expectUnauthorized(await api("GET", "/api/v1/whoami", { key: `wdn_${"W".repeat(43)}` }));
  });
});
