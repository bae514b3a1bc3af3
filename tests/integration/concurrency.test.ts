// Concurrency over real HTTP, on both databases: budgets can never be overspent by concurrent
// authorizations (session, agent and crew budgets alike), and the audit chain never forks or
// gaps with many concurrent writers. Every request of a burst is in flight at the same time.
import { beforeAll, describe, expect, it } from "vitest";
import { api, seedWorkspace } from "../helpers/api";
import {
  allAuditEntries,
  atOnce,
  authorize,
  createCrew,
  createSession,
  getSession,
  logAction,
  patchAgent,
  spend,
  verify,
  type ApiResponse,
  type AuditEntry,
} from "../helpers/governance";

/** Every response is an authorization (200) or a refusal with the given code (403): nothing else. */
function countOutcomes(responses: ApiResponse[], refusal: string) {
  for (const res of responses) {
    if (res.status !== 200) expect(res.body, `status ${res.status}`).toMatchObject({ authorized: false, code: refusal });
    expect([200, 403]).toContain(res.status);
  }
  return responses.filter((r) => r.status === 200).length;
}

describe("budgets under 200 concurrent $1 authorizations", () => {
  it("authorizes exactly 50 against a $50 session limit and leaves spent at exactly 50", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "stampede", scopes: ["spend"], spend_limit: 50 });
    const responses = await atOnce(200, () => authorize(key, session_id, 1));
    expect(countOutcomes(responses, "session_budget_exceeded")).toBe(50);
    expect(await getSession(key, session_id)).toMatchObject({ spent: 50, remaining_budget: 0 });
    const remaining = responses.filter((r) => r.status === 200).map((r) => r.body.remaining_budget as number);
    expect(remaining.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const payments = await spend(key, `session_id=${session_id}`);
    expect(payments.payments_usd).toBe(50);
    expect((await verify(key)).verified).toBe(true);
  });

  it("authorizes exactly 50 against a $50 agent budget shared by sessions without limits", async () => {
    const { key } = await seedWorkspace();
    await createSession(key, { agent_id: "fleet" });
    await patchAgent(key, "fleet", { budget: 50 });
    const sessions = await atOnce(5, () => createSession(key, { agent_id: "fleet", scopes: ["spend"] }));
    const responses = await atOnce(200, (i) => authorize(key, sessions[i % sessions.length]!.session_id, 1));
    expect(countOutcomes(responses, "agent_budget_exceeded")).toBe(50);
    expect((await api("GET", "/api/v1/agents/fleet", { key })).body).toMatchObject({ budget: 50, spent: 50, remaining_budget: 0 });
    const spentBySession = await Promise.all(sessions.map(async (s) => (await getSession(key, s.session_id)).spent as number));
    expect(spentBySession.reduce((a, b) => a + b, 0)).toBe(50);
    expect((await spend(key, "agent_id=fleet")).payments_usd).toBe(50);
  });

  it("authorizes exactly 50 against a $50 crew budget shared by several agents' sessions", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "swarm", budget: 50 });
    const sessions = await atOnce(5, (i) => createSession(key, { agent_id: `worker-${i}`, scopes: ["spend"], crew_id: crew.crew_id }));
    const responses = await atOnce(200, (i) => authorize(key, sessions[i % sessions.length]!.session_id, 1));
    expect(countOutcomes(responses, "crew_budget_exceeded")).toBe(50);
    const after = await api("GET", `/api/v1/crews/${crew.crew_id}`, { key });
    expect(after.body).toMatchObject({ budget: 50, spent: 50, remaining_budget: 0 });
    expect(after.body.members.sort()).toEqual(["worker-0", "worker-1", "worker-2", "worker-3", "worker-4"]);
    const spentBySession = await Promise.all(sessions.map(async (s) => (await getSession(key, s.session_id)).spent as number));
    expect(spentBySession.reduce((a, b) => a + b, 0)).toBe(50);
    expect((await spend(key, `crew_id=${crew.crew_id}`)).payments_usd).toBe(50);
  });
});

describe("the audit chain after 20 concurrent writers have logged 50 events each", () => {
  // One burst of 1,000 concurrent writes, several properties of the chain it leaves.
  let key: string;
  let entryIds: string[][];
  let entries: AuditEntry[];

  beforeAll(async () => {
    ({ key } = await seedWorkspace());
    const sessions = await atOnce(20, (w) => createSession(key, { agent_id: `writer-${w}` }));
    entryIds = await atOnce(20, async (w) => {
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) {
        const res = await logAction(key, { session_id: sessions[w]!.session_id, action: "write", tool: "concurrent", details: { w, i } });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids.push(res.body.entry_id);
      }
      return ids;
    });
    entries = (await allAuditEntries(key, {}, 100)).reverse();
  });

  it("verifies", async () => {
    expect(await verify(key)).toMatchObject({ verified: true, entries_checked: entries.length });
  });

  it("has gapless sequence numbers, each entry linked to the one before", () => {
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: entries.length }, (_, i) => i + 1));
    expect(entries[0]!.prev_hash).toBe("0".repeat(64));
    entries.slice(1).forEach((e, i) => expect(e.prev_hash, `prev_hash of seq ${e.seq}`).toBe(entries[i]!.entry_hash));
  });

  it("holds every event exactly once, each writer's in the order it wrote them", () => {
    const written = entries.filter((e) => e.tool === "concurrent");
    expect(written).toHaveLength(1000);
    expect(new Set(written.map((e) => e.entry_id))).toEqual(new Set(entryIds.flat()));
    for (let w = 0; w < 20; w++) {
      expect(written.filter((e) => e.details.w === w).map((e) => e.details.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
  });

  it("never runs time backwards along the chain", () => {
    entries.slice(1).forEach((e, i) => {
      expect(Date.parse(e.timestamp), `timestamp of seq ${e.seq}`).toBeGreaterThanOrEqual(Date.parse(entries[i]!.timestamp));
    });
  });
});

describe("the audit chain under mixed concurrent writers", () => {
  it("keeps the chain whole when batches, single logs, checks and payments interleave", async () => {
    const { key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "mixed", scopes: ["read", "spend"], spend_limit: 20 });
    const events = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ session_id, action: tag, details: { i } }));
    await Promise.all([
      ...Array.from({ length: 5 }, (_, b) => api("POST", "/api/v1/audit/batch", { key, body: { events: events(100, `batch-${b}`) } })),
      ...Array.from({ length: 30 }, () => logAction(key, { session_id, action: "single" })),
      ...Array.from({ length: 30 }, () => api("POST", `/api/v1/sessions/${session_id}/check`, { key, body: { scope: "read" } })),
      ...Array.from({ length: 30 }, () => authorize(key, session_id, 1)),
    ]);
    const entries = (await allAuditEntries(key)).reverse();
    const count = (action: string) => entries.filter((e) => e.action === action).length;
    expect(count("single")).toBe(30);
    expect(count("scope.check")).toBe(30);
    expect(count("payment.authorized") + count("payment.refused")).toBe(30);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: entries.length }, (_, i) => i + 1));
    // A batch is contiguous in the chain.
    for (let b = 0; b < 5; b++) {
      const seqs = entries.filter((e) => e.action === `batch-${b}`).map((e) => e.seq);
      expect(seqs.at(-1)! - seqs[0]!, `batch-${b}`).toBe(99);
    }
    expect(await verify(key)).toMatchObject({ verified: true, entries_checked: entries.length });
    expect((await getSession(key, session_id)).spent).toBe(20);
  });
});
