// The Sessions page's SQL: status (active, expired, revoked) decided by the database's clock,
// keyset pagination newest first, spend figures, validation of the query, and tenant isolation,
// on a fresh database of this project's kind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/append-events";
import { createCrew } from "@/lib/crews/manage-crews";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { countSessionsByStatus } from "@/lib/sessions/count-sessions-by-status";
import { createSession } from "@/lib/sessions/create-session";
import { listSessionPage } from "@/lib/sessions/list-session-page";
import { revokeSession } from "@/lib/sessions/revoke-session";
import type { SessionListQuery } from "@/lib/sessions/schemas";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const ADMIN: Actor = { type: "user", id: "usr_01JD0000000000000000000000" };
const KEY: Actor = { type: "api_key", id: "key_01JD0000000000000000000000" };
const BASE = Date.parse("2026-01-10T12:00:00.000Z");

let fresh: FreshDatabase;
let db: Db;

beforeAll(async () => {
  fresh = await useFreshDatabaseForProcess();
  db = fresh.db;
});

afterAll(async () => {
  await fresh?.dispose();
});

const newWorkspace = async () => (await createWorkspace({ slug: randomSlug("sl") }, ADMIN)).id;

/** A session created `second` seconds after BASE (set in the row, so the order is known). */
async function sessionAt(workspaceId: string, second: number, extra: { ttl?: number; crew_id?: string; spend_limit?: number } = {}) {
  const { session_id } = await createSession(workspaceId, { agent_id: `agent-${second}`, scopes: ["read", "spend"], ttl: extra.ttl ?? 0, ...extra }, KEY);
  await db.sql("UPDATE sessions SET created_at = $1 WHERE id = $2", [new Date(BASE + second * 1000).toISOString(), session_id]);
  return session_id;
}

const expireNow = (sessionId: string) => db.sql("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id = $1", [sessionId]);

const ids = async (workspaceId: string, query: SessionListQuery) => (await listSessionPage(workspaceId, query)).sessions.map((s) => s.session_id);

/** Every page of the list, following next_cursor. */
async function allPages(workspaceId: string, query: SessionListQuery) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listSessionPage(workspaceId, { ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page.sessions.map((s) => s.session_id));
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return pages;
}

async function invalidField(run: () => Promise<unknown>) {
  const error = await run().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("invalid_request");
  return (error as AppError).fields.field;
}

describe(`the sessions list on ${databaseLabel()}`, () => {
  let workspaceId: string;
  let s: string[];

  beforeAll(async () => {
    workspaceId = await newWorkspace();
    s = [];
    s.push(await sessionAt(workspaceId, 0)); // active: ttl 0, the maximum of 365 days
    s.push(await sessionAt(workspaceId, 1, { ttl: 3600 })); // active for an hour
    s.push(await sessionAt(workspaceId, 2, { ttl: 60 })); // expired
    s.push(await sessionAt(workspaceId, 3)); // revoked
    s.push(await sessionAt(workspaceId, 4, { ttl: 60 })); // expired, then revoked: revoked wins
    await expireNow(s[2]!);
    await expireNow(s[4]!);
    await revokeSession(workspaceId, s[3]!, ADMIN);
    await revokeSession(workspaceId, s[4]!, ADMIN);
  });

  it("splits sessions into active, expired and revoked, newest first", async () => {
    expect(await ids(workspaceId, { status: "active" })).toEqual([s[1], s[0]]);
    expect(await ids(workspaceId, { status: "expired" })).toEqual([s[2]]);
    expect(await ids(workspaceId, { status: "revoked" })).toEqual([s[4], s[3]]);
    expect(await ids(workspaceId, {})).toEqual([s[4], s[3], s[2], s[1], s[0]]);
  });

  it("counts each status and reports the database's clock", async () => {
    const { counts, now } = await countSessionsByStatus(workspaceId);
    expect(counts).toEqual({ active: 2, expired: 1, revoked: 2 });
    const [row] = await db.sql<{ now: string }>("SELECT now()::text AS now");
    expect(Math.abs(Date.parse(now) - Date.parse(row!.now))).toBeLessThan(60_000);
  });

  it("gives each row its status, expiry and revocation time", async () => {
    const rows = (await listSessionPage(workspaceId, {})).sessions;
    expect(rows.map((r) => r.status)).toEqual(["revoked", "revoked", "expired", "active", "active"]);
    expect(rows[4]).toMatchObject({ agent_id: "agent-0", revoked_at: null, created_at: "2026-01-10T12:00:00.000Z" });
    expect(rows[4]!.expires_at).toMatch(/Z$/);
    expect(rows[3]!.expires_at).toMatch(/Z$/);
    expect(rows[1]!.revoked_at).toMatch(/Z$/);
  });

  it("pages with a keyset cursor: every session exactly once, and the last page has no cursor", async () => {
    expect(await allPages(workspaceId, { limit: 2 })).toEqual([[s[4], s[3]], [s[2], s[1]], [s[0]]]);
    expect(await allPages(workspaceId, { limit: 1, status: "active" })).toEqual([[s[1]], [s[0]]]);
    expect((await listSessionPage(workspaceId, { limit: 5 })).next_cursor).toBeNull();
  });

  it("keeps a page's continuation stable when newer sessions arrive meanwhile", async () => {
    const other = await newWorkspace();
    const older = [await sessionAt(other, 0), await sessionAt(other, 1), await sessionAt(other, 2)];
    const first = await listSessionPage(other, { limit: 2 });
    expect(first.sessions.map((r) => r.session_id)).toEqual([older[2], older[1]]);
    await sessionAt(other, 10);
    const second = await listSessionPage(other, { limit: 2, cursor: first.next_cursor! });
    expect(second.sessions.map((r) => r.session_id)).toEqual([older[0]]);
    expect(second.next_cursor).toBeNull();
  });

  it("orders sessions created in the same millisecond by id, without losing or repeating one", async () => {
    const other = await newWorkspace();
    const same = [await sessionAt(other, 5), await sessionAt(other, 5), await sessionAt(other, 5)];
    const expected = [...same].sort().reverse();
    expect((await allPages(other, { limit: 1 })).flat()).toEqual(expected);
  });

  it("shows spend limit, spent, remaining budget and the crew's name", async () => {
    const other = await newWorkspace();
    const crew = await createCrew(other, { name: "ops", budget_window: "run", budget: 100 }, ADMIN);
    const sessionId = await sessionAt(other, 0, { spend_limit: 20, crew_id: crew.crew_id });
    await authorizePayment({ workspaceId: other, actor: KEY }, { session_id: sessionId, amount: 7.5, currency: "USD", description: "" });
    const unlimited = await sessionAt(other, 1);
    const rows = (await listSessionPage(other, {})).sessions;
    expect(rows.find((r) => r.session_id === sessionId)).toMatchObject({
      crew_id: crew.crew_id, crew_name: "ops", scopes: ["read", "spend"], spend_limit: 20, spent: 7.5, remaining_budget: 12.5,
    });
    expect(rows.find((r) => r.session_id === unlimited)).toMatchObject({ crew_id: null, crew_name: null, spend_limit: null, spent: 0, remaining_budget: null });
    expect(await ids(other, { crew_id: crew.crew_id })).toEqual([sessionId]);
  });

  it("refuses a cursor it did not issue, a bad status and a bad limit, naming the field", async () => {
    expect(await invalidField(() => listSessionPage(workspaceId, { cursor: "not-a-cursor" }))).toBe("cursor");
    expect(await invalidField(() => listSessionPage(workspaceId, { status: "paused" as never }))).toBe("status");
    expect(await invalidField(() => listSessionPage(workspaceId, { limit: 0 }))).toBe("limit");
    expect(await invalidField(() => listSessionPage(workspaceId, { limit: 101 }))).toBe("limit");
  });

  it("never shows another workspace's sessions, whatever the cursor or crew", async () => {
    const other = await newWorkspace();
    expect(await ids(other, {})).toEqual([]);
    expect(await countSessionsByStatus(other)).toMatchObject({ counts: { active: 0, expired: 0, revoked: 0 } });
    const cursor = (await listSessionPage(workspaceId, { limit: 1 })).next_cursor!;
    expect(await ids(other, { cursor })).toEqual([]);
    const mine = await newWorkspace();
    const crew = await createCrew(mine, { name: "mine", budget_window: "run" }, ADMIN);
    const sessionId = await sessionAt(mine, 0, { crew_id: crew.crew_id });
    expect(await ids(mine, { crew_id: crew.crew_id })).toEqual([sessionId]);
    expect(await ids(other, { crew_id: crew.crew_id })).toEqual([]);
  });
});
