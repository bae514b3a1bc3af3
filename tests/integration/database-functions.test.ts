// The database functions behind the agent API (warden_entry_hash, the chain verification,
// warden_authorize_payment's budget windows) at the domain level, on a fresh database of this
// project's kind, where a test may alter rows directly in SQL as nothing over HTTP can:
// tampering with the audit trail, moving a budget window into the past, and comparing the
// database's own hash with the TypeScript mirror an auditor would use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAgent, updateAgent } from "@/lib/agents/manage-agents";
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { canonicalEntry, entryHash, GENESIS_HASH } from "@/lib/audit/chain-hash";
import { listEntries } from "@/lib/audit/list-entries";
import { logAction } from "@/lib/audit/log-action";
import { verifyChain } from "@/lib/audit/verify-chain";
import { createCrew, getCrew } from "@/lib/crews/manage-crews";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { createSession } from "@/lib/sessions/create-session";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const SYSTEM: Actor = { type: "system", id: "test" };
const KEY: Actor = { type: "api_key", id: "key_01JD0000000000000000000000" };

let fresh: FreshDatabase;
let db: Db;

beforeAll(async () => {
  fresh = await useFreshDatabaseForProcess();
  db = fresh.db;
});

afterAll(async () => {
  await fresh?.dispose();
});

const sql = (query: string, ...params: unknown[]) => db.prisma.$executeRawUnsafe(query, ...params);

const DETAILS: [string, Prisma.InputJsonObject][] = [
  ["empty", {}],
  ["unicode text and keys", { text: "héllo wörld — 日本語 😀", é: 1, e: 2, ab: 3, "😀": "smile", z: "ünïcödé" }],
  ["keys of every length", { bbb: 1, a: 2, cc: 3, aa: 4, "": 5, B: 6, abcdefghij: 7 }],
  ["escapes", { s: 'line\nbreak\ttab\rreturn\u0001\u001f\u007f "quoted" back\\slash /slash \b\f', 'k"e\\y\n': true }],
  ["nested objects and arrays", { a: { b: { c: [1, { d: null, c: [] }, "x"], a: {} } }, list: [[], [[1]], { z: 1, y: [true, false] }] }],
  [
    "decimals",
    {
      price: 0.1,
      sum: 0.1 + 0.2,
      tiny: 1.5e-7,
      tinier: 1e-7,
      micro: 0.000001,
      big: 1e21,
      bigger: 1.23e22,
      negative: -2.5e-10,
      fraction: 123.456,
      safe: Number.MAX_SAFE_INTEGER,
      unsafe: 12345678901234567890,
      smallest: 5e-324,
      largest: Number.MAX_VALUE,
      negativeZero: -0,
      precise: 1.2345678901234566e-7,
    },
  ],
  ["booleans and nulls", { yes: true, no: false, nothing: null, list: [null, true, false] }],
];

describe(`the audit hash in TypeScript and in ${databaseLabel()}`, () => {
  it("computes the same canonical text and hash as the database for every kind of detail", async () => {
    const workspace = await createWorkspace({ slug: randomSlug() }, SYSTEM);
    await db.prisma.$transaction(async (tx) => {
      for (const [name, details] of DETAILS) {
        await appendAuditEvent(tx, workspace.id, {
          actor: { type: "api_key", id: "key_01JD0000000000000000000000" },
          action: `détails: ${name}`,
          tool: "tööl",
          agentId: "agent-ü",
          sessionId: "ses_01JD0000000000000000000000",
          suggestedBy: "planner",
          decision: "ALLOW",
          costMicros: 1_234_567n,
          details,
          flagged: true,
          flagReason: "cost_above_threshold",
        });
      }
    });
    const rows = await db.prisma.auditEvent.findMany({ where: { workspaceId: workspace.id }, orderBy: { seq: "asc" } });
    expect(rows).toHaveLength(DETAILS.length + 1);
    for (const row of rows) {
      const [database] = await db.prisma.$queryRawUnsafe<{ canonical: string; hash: string }[]>(
        `SELECT warden_audit_canonical(e) AS canonical, warden_entry_hash(e) AS hash FROM audit_events e WHERE id = $1`,
        row.id,
      );
      expect(canonicalEntry(row), row.action).toBe(database!.canonical);
      expect(entryHash(row), row.action).toBe(database!.hash);
      expect(row.entryHash, row.action).toBe(database!.hash);
    }
  });

  // The function concatenates the text for speed; the documented definition is the jsonb text
  // of the entry's fields. Both must agree on every entry this database holds.
  it("builds exactly PostgreSQL's jsonb text of the entry's fields, for every entry in the database", async () => {
    await writtenChain();
    const [result] = await db.sql<{ entries: number; differing: number }>(`
      SELECT count(*)::int AS entries, count(*) FILTER (WHERE warden_audit_canonical(e) <> jsonb_build_object(
        'id', e.id, 'workspace_id', e.workspace_id, 'seq', e.seq,
        'timestamp', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'actor_type', e.actor_type, 'actor_id', e.actor_id, 'agent_id', e.agent_id, 'session_id', e.session_id,
        'suggested_by', e.suggested_by, 'tool', e.tool, 'action', e.action, 'decision', e.decision,
        'cost_micros', e.cost_micros, 'details', e.details, 'flagged', e.flagged, 'flag_reason', e.flag_reason,
        'prev_hash', e.prev_hash)::text)::int AS differing
      FROM audit_events e`);
    expect(result!.entries).toBeGreaterThan(DETAILS.length);
    expect(result!.differing).toBe(0);
  });

  it("computes the same hash as the database for entries without agent, session or details", async () => {
    const workspace = await createWorkspace({ slug: randomSlug() }, SYSTEM);
    const rows = await db.prisma.auditEvent.findMany({ where: { workspaceId: workspace.id } });
    expect(rows[0]).toMatchObject({ agentId: null, sessionId: null, decision: null, flagReason: null, prevHash: GENESIS_HASH });
    expect(entryHash(rows[0]!)).toBe(rows[0]!.entryHash);
  });

  it("lets an auditor recompute every entry_hash from the entries as the API exports them", async () => {
    const workspace = await createWorkspace({ slug: randomSlug() }, SYSTEM);
    await db.prisma.$transaction(async (tx) => {
      for (const [name, details] of DETAILS) {
        await appendAuditEvent(tx, workspace.id, { actor: SYSTEM, action: name, costMicros: 1n, details });
      }
    });
    const exported = JSON.parse(JSON.stringify(await listEntries(workspace.id, { limit: 1000 })));
    let prev = GENESIS_HASH;
    for (const e of exported.entries.reverse()) {
      expect(e.prev_hash).toBe(prev);
      const recomputed = entryHash({
        id: e.entry_id,
        workspaceId: workspace.id,
        seq: BigInt(e.seq),
        createdAt: new Date(e.timestamp),
        actorType: e.actor_type,
        actorId: e.actor_id,
        agentId: e.agent_id,
        sessionId: e.session_id,
        suggestedBy: e.suggested_by,
        tool: e.tool,
        action: e.action,
        decision: e.decision,
        costMicros: BigInt(Math.round(e.cost_usd * 1_000_000)),
        details: e.details,
        flagged: e.flagged,
        flagReason: e.flag_reason,
        prevHash: e.prev_hash,
      });
      expect(recomputed, e.action).toBe(e.entry_hash);
      prev = e.entry_hash;
    }
  });
});

const ACTIONS = 6;

/** A workspace whose chain is: workspace.created, session.created, then ACTIONS logged actions. */
async function writtenChain() {
  const workspace = await createWorkspace({ slug: randomSlug() }, SYSTEM);
  const session = await createSession(workspace.id, { agent_id: "agent", scopes: ["read"], ttl: 3600 }, KEY);
  for (let i = 1; i <= ACTIONS; i++) {
    await logAction({ workspaceId: workspace.id, actor: KEY }, { session_id: session.session_id, action: `step ${i}`, tool: "tool", cost_usd: 0.5, details: { i } });
  }
  const rows = await db.prisma.auditEvent.findMany({ where: { workspaceId: workspace.id }, orderBy: { seq: "asc" } });
  expect(rows).toHaveLength(ACTIONS + 2);
  const bySeq = (seq: number) => rows[seq - 1]!;
  return { workspaceId: workspace.id, rows, bySeq, length: rows.length };
}

/** Moves the row at one seq to another; (workspace, seq) is unique, so swaps go through a free seq. */
async function setSeq(workspaceId: string, from: number, to: number) {
  await sql(`UPDATE audit_events SET seq = $3 WHERE workspace_id = $1 AND seq = $2`, workspaceId, from, to);
}

describe(`audit chain verification on ${databaseLabel()}`, () => {
  it("verifies an untouched chain", async () => {
    const chain = await writtenChain();
    expect(await verifyChain(chain.workspaceId)).toEqual({ verified: true, entries_checked: chain.length, message: expect.any(String) });
  });

  it.each<[string, string]>([
    ["action", `action = 'something harmless'`],
    ["tool", `tool = 'other-tool'`],
    ["details", `details = '{"i": 999}'::jsonb`],
    ["cost", `cost_micros = 1`],
    ["flagged", `flagged = true, flag_reason = 'cost_above_threshold'`],
    ["timestamp", `created_at = created_at - interval '1 second'`],
    ["agent", `agent_id = 'someone-else'`],
    ["session", `session_id = NULL`],
    ["actor", `actor_id = 'key_01JD9999999999999999999999'`],
    ["decision", `decision = 'ALLOW'`],
    ["stored hash", `entry_hash = repeat('a', 64)`],
  ])("names the entry whose %s was changed as tampered", async (_field, change) => {
    const chain = await writtenChain();
    const target = chain.bySeq(5);
    await sql(`UPDATE audit_events SET ${change} WHERE id = $1`, target.id);
    expect(await verifyChain(chain.workspaceId)).toEqual({
      verified: false,
      entries_checked: chain.length,
      tampered_entry: { seq: 5, entry_id: target.id },
      error: expect.any(String),
    });
  });

  it("catches a changed entry whose hash was recomputed: the next entry no longer links to it", async () => {
    const chain = await writtenChain();
    const target = chain.bySeq(4);
    await sql(`UPDATE audit_events SET cost_micros = 0 WHERE id = $1`, target.id);
    await sql(`UPDATE audit_events e SET entry_hash = warden_entry_hash(e) WHERE id = $1`, target.id);
    expect(await verifyChain(chain.workspaceId)).toMatchObject({ verified: false, broken_at: { seq: 5, entry_id: chain.bySeq(5).id } });
  });

  it("catches a deleted entry in the middle at the entry after it", async () => {
    const chain = await writtenChain();
    await sql(`DELETE FROM audit_events WHERE id = $1`, chain.bySeq(4).id);
    expect(await verifyChain(chain.workspaceId)).toEqual({
      verified: false,
      entries_checked: chain.length - 1,
      broken_at: { seq: 5, entry_id: chain.bySeq(5).id },
      error: expect.any(String),
    });
  });

  it("catches a deleted first entry", async () => {
    const chain = await writtenChain();
    await sql(`DELETE FROM audit_events WHERE id = $1`, chain.bySeq(1).id);
    expect(await verifyChain(chain.workspaceId)).toMatchObject({ verified: false, broken_at: { seq: 2, entry_id: chain.bySeq(2).id } });
  });

  it("catches a deleted newest entry: the chain head remembers it", async () => {
    const chain = await writtenChain();
    await sql(`DELETE FROM audit_events WHERE id = $1`, chain.bySeq(chain.length).id);
    expect(await verifyChain(chain.workspaceId)).toMatchObject({
      verified: false,
      entries_checked: chain.length - 1,
      broken_at: { seq: chain.length },
      error: expect.any(String),
    });
  });

  it("catches a forged entry inserted in the middle with a valid hash: the entry after it does not link", async () => {
    const chain = await writtenChain();
    // Make room after seq 4, then insert a forged entry that links to seq 4 and hashes correctly.
    for (let seq = chain.length; seq > 4; seq--) await setSeq(chain.workspaceId, seq, seq + 1);
    await sql(
      `INSERT INTO audit_events (id, workspace_id, seq, created_at, actor_type, actor_id, agent_id, session_id, tool, action, details, prev_hash, entry_hash)
       SELECT 'aud_01JDFORGED0000000000000000', workspace_id, 5, created_at, actor_type, actor_id, agent_id, session_id, 'tool', 'forged', '{}', entry_hash, ''
       FROM audit_events WHERE id = $1`,
      chain.bySeq(4).id,
    );
    await sql(`UPDATE audit_events e SET entry_hash = warden_entry_hash(e) WHERE id = 'aud_01JDFORGED0000000000000000'`);
    expect(await verifyChain(chain.workspaceId)).toMatchObject({
      verified: false,
      entries_checked: chain.length + 1,
      broken_at: { seq: 6, entry_id: chain.bySeq(5).id },
    });
  });

  it("catches an entry appended behind the chain head's back", async () => {
    const chain = await writtenChain();
    const last = chain.bySeq(chain.length);
    await sql(
      `INSERT INTO audit_events (id, workspace_id, seq, created_at, actor_type, actor_id, tool, action, details, prev_hash, entry_hash)
       VALUES ('aud_01JDAPPENDED00000000000000', $1, $2, now(), 'system', 'intruder', '', 'appended', '{}', $3, '')`,
      chain.workspaceId,
      chain.length + 1,
      last.entryHash,
    );
    await sql(`UPDATE audit_events e SET entry_hash = warden_entry_hash(e) WHERE id = 'aud_01JDAPPENDED00000000000000'`);
    expect(await verifyChain(chain.workspaceId)).toMatchObject({ verified: false, entries_checked: chain.length + 1 });
  });

  it("catches two entries whose sequence numbers were swapped", async () => {
    const chain = await writtenChain();
    await setSeq(chain.workspaceId, 4, -4);
    await setSeq(chain.workspaceId, 5, 4);
    await setSeq(chain.workspaceId, -4, 5);
    expect(await verifyChain(chain.workspaceId)).toMatchObject({
      verified: false,
      entries_checked: chain.length,
      broken_at: { seq: 4, entry_id: chain.bySeq(5).id },
    });
  });

  it("catches two entries whose contents were swapped between their rows", async () => {
    const chain = await writtenChain();
    const [a, b] = [chain.bySeq(6), chain.bySeq(7)];
    await sql(`UPDATE audit_events SET action = $2, details = $3::jsonb WHERE id = $1`, a.id, b.action, JSON.stringify(b.details));
    await sql(`UPDATE audit_events SET action = $2, details = $3::jsonb WHERE id = $1`, b.id, a.action, JSON.stringify(a.details));
    expect(await verifyChain(chain.workspaceId)).toMatchObject({ verified: false, tampered_entry: { seq: 6, entry_id: a.id } });
  });

  it("reports only the first bad entry when several were changed", async () => {
    const chain = await writtenChain();
    await sql(`UPDATE audit_events SET action = 'later' WHERE id = $1`, chain.bySeq(7).id);
    await sql(`UPDATE audit_events SET action = 'earlier' WHERE id = $1`, chain.bySeq(3).id);
    expect(await verifyChain(chain.workspaceId)).toMatchObject({ verified: false, tampered_entry: { seq: 3 } });
  });

  it("keeps verifying one workspace's chain when another workspace's was tampered with", async () => {
    const mine = await writtenChain();
    const theirs = await writtenChain();
    await sql(`DELETE FROM audit_events WHERE id = $1`, theirs.bySeq(3).id);
    expect(await verifyChain(mine.workspaceId)).toMatchObject({ verified: true, entries_checked: mine.length });
    expect(await verifyChain(theirs.workspaceId)).toMatchObject({ verified: false });
  });
});

describe(`audit events and their workspace on ${databaseLabel()}`, () => {
  const countEvents = async (workspaceId: string) =>
    Number((await db.sql<{ n: string }>("SELECT count(*)::text AS n FROM audit_events WHERE workspace_id = $1", [workspaceId]))[0]!.n);

  it("refuses to append to a workspace that does not exist: only a chain head admits entries", async () => {
    await expect(
      db.sql("SELECT * FROM warden_append_audit('ws_nowhere', $1, 'system', 'test', NULL, NULL, NULL, 't', 'a', NULL, 0, '{}', false, NULL)", [`aud_${Date.now()}`]),
    ).rejects.toThrow(/has no audit chain head/);
  });

  it("deletes a deleted workspace's events with it, and no one else's", async () => {
    const doomed = await writtenChain();
    const kept = await writtenChain();
    expect(await countEvents(doomed.workspaceId)).toBeGreaterThan(0);
    await sql(`DELETE FROM workspaces WHERE id = $1`, doomed.workspaceId);
    expect(await countEvents(doomed.workspaceId)).toBe(0);
    expect(await countEvents(kept.workspaceId)).toBe(kept.length);
    expect(await verifyChain(kept.workspaceId)).toMatchObject({ verified: true, entries_checked: kept.length });
  });
});

const pay = (workspaceId: string, sessionId: string, amount: number) =>
  authorizePayment({ workspaceId, actor: KEY }, { session_id: sessionId, amount, currency: "USD", description: "" });

const newWorkspace = async () => (await createWorkspace({ slug: randomSlug() }, SYSTEM)).id;

async function agentWithBudget(window: "total" | "day" | "month") {
  const workspaceId = await newWorkspace();
  const session = await createSession(workspaceId, { agent_id: "agent", scopes: ["spend"], ttl: 0 }, KEY);
  await updateAgent(workspaceId, "agent", { budget: 5, budget_window: window }, KEY);
  return { workspaceId, sessionId: session.session_id };
}

async function crewWithBudget(window: "run" | "day" | "month") {
  const workspaceId = await newWorkspace();
  const crew = await createCrew(workspaceId, { name: "crew", budget: 5, budget_window: window }, KEY);
  const session = await createSession(workspaceId, { agent_id: "member", scopes: ["spend"], ttl: 0, crew_id: crew.crew_id }, KEY);
  return { workspaceId, crewId: crew.crew_id, sessionId: session.session_id };
}

describe(`budget windows on ${databaseLabel()}`, () => {
  it("starts an agent's day budget again at 0 once the UTC day has passed", async () => {
    const { workspaceId, sessionId } = await agentWithBudget("day");
    expect((await pay(workspaceId, sessionId, 5)).status).toBe(200);
    expect((await pay(workspaceId, sessionId, 1)).body).toMatchObject({ code: "agent_budget_exceeded" });

    await sql(`UPDATE agents SET window_start = window_start - interval '1 day' WHERE workspace_id = $1`, workspaceId);

    expect(await getAgent(workspaceId, "agent")).toMatchObject({ spent: 0, remaining_budget: 5 });
    expect((await pay(workspaceId, sessionId, 4)).status).toBe(200);
    expect(await getAgent(workspaceId, "agent")).toMatchObject({ spent: 4, remaining_budget: 1 });
    expect((await pay(workspaceId, sessionId, 2)).body).toMatchObject({ code: "agent_budget_exceeded" });
  });

  it("never starts an agent's total budget again", async () => {
    const { workspaceId, sessionId } = await agentWithBudget("total");
    expect((await pay(workspaceId, sessionId, 5)).status).toBe(200);
    await sql(`UPDATE agents SET window_start = window_start - interval '2 years' WHERE workspace_id = $1`, workspaceId);
    expect(await getAgent(workspaceId, "agent")).toMatchObject({ spent: 5, remaining_budget: 0 });
    expect((await pay(workspaceId, sessionId, 1)).body).toMatchObject({ code: "agent_budget_exceeded" });
  });

  it("starts a crew's month budget again at 0 once the UTC month has passed", async () => {
    const { workspaceId, crewId, sessionId } = await crewWithBudget("month");
    expect((await pay(workspaceId, sessionId, 5)).status).toBe(200);
    expect((await pay(workspaceId, sessionId, 1)).body).toMatchObject({ code: "crew_budget_exceeded" });

    await sql(`UPDATE crews SET window_start = window_start - interval '1 month' WHERE id = $1`, crewId);

    expect(await getCrew(workspaceId, crewId)).toMatchObject({ spent: 0, remaining_budget: 5 });
    expect((await pay(workspaceId, sessionId, 5)).status).toBe(200);
    expect(await getCrew(workspaceId, crewId)).toMatchObject({ spent: 5, remaining_budget: 0 });
  });

  it("starts a crew's day budget again at 0 once the UTC day has passed", async () => {
    const { workspaceId, crewId, sessionId } = await crewWithBudget("day");
    expect((await pay(workspaceId, sessionId, 5)).status).toBe(200);
    await sql(`UPDATE crews SET window_start = window_start - interval '1 day' WHERE id = $1`, crewId);
    expect((await pay(workspaceId, sessionId, 5)).status).toBe(200);
  });

  it("never starts a crew's per-run budget again by itself", async () => {
    const { workspaceId, crewId, sessionId } = await crewWithBudget("run");
    expect((await pay(workspaceId, sessionId, 5)).status).toBe(200);
    await sql(`UPDATE crews SET window_start = window_start - interval '2 years' WHERE id = $1`, crewId);
    expect(await getCrew(workspaceId, crewId)).toMatchObject({ spent: 5, remaining_budget: 0 });
    expect((await pay(workspaceId, sessionId, 1)).body).toMatchObject({ code: "crew_budget_exceeded" });
  });

  it("keeps a session's own limit across windows: the session is never reset", async () => {
    const { workspaceId, sessionId } = await agentWithBudget("day");
    await sql(`UPDATE sessions SET spend_limit_micros = 6000000 WHERE id = $1`, sessionId);
    expect((await pay(workspaceId, sessionId, 5)).status).toBe(200);
    await sql(`UPDATE agents SET window_start = window_start - interval '1 day' WHERE workspace_id = $1`, workspaceId);
    expect((await pay(workspaceId, sessionId, 2)).body).toMatchObject({ code: "session_budget_exceeded" });
    expect((await pay(workspaceId, sessionId, 1)).status).toBe(200);
  });
});
