// The crew page's SQL: the burn-down (remaining budget after each payment within the crew's
// window, an ideal line for day and month windows) and the per-agent breakdown (spend in the
// crew, share of budget, payments, actions), with tenant isolation, on a fresh database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/append-events";
import { crewAgentBreakdown } from "@/lib/crews/crew-agent-breakdown";
import { crewBurnDown } from "@/lib/crews/crew-burn-down";
import { createCrew, getCrew, removeCrewMember, updateCrew } from "@/lib/crews/manage-crews";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { checkScope } from "@/lib/sessions/check-scope";
import { createSession } from "@/lib/sessions/create-session";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const ADMIN: Actor = { type: "user", id: "usr_01JD0000000000000000000000" };
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

type Window = "run" | "day" | "month";

async function crewWith(window: Window, budget: number | null, agents: string[]) {
  const workspaceId = (await createWorkspace({ slug: randomSlug("cd") }, ADMIN)).id;
  const crew = await createCrew(workspaceId, { name: "crew", budget, budget_window: window, agent_ids: agents }, ADMIN);
  const sessions = new Map<string, string>();
  for (const agent of agents) {
    sessions.set(agent, (await createSession(workspaceId, { agent_id: agent, scopes: ["spend", "read"], ttl: 0, crew_id: crew.crew_id }, KEY)).session_id);
  }
  async function pay(agent: string, amount: number) {
    const result = await authorizePayment({ workspaceId, actor: KEY }, { session_id: sessions.get(agent)!, amount, currency: "USD", description: "" });
    expect(result.body, JSON.stringify(result.body)).toMatchObject({ authorized: true });
  }
  return { workspaceId, crewId: crew.crew_id, sessions, pay };
}

/** The crew's authorized payments' instants, oldest first, as the API writes them. */
const paymentTimes = async (crewId: string) =>
  (await db.sql<{ ms: string }>("SELECT (extract(epoch FROM created_at) * 1000)::bigint::text AS ms FROM payment_authorizations WHERE crew_id = $1 ORDER BY created_at", [crewId]))
    .map((row) => new Date(Number(row.ms)).toISOString());

const utcMidnight = (iso: string) => `${iso.slice(0, 10)}T00:00:00.000Z`;

describe(`a crew's burn-down on ${databaseLabel()}`, () => {
  it("starts at the budget at window_start and goes down by each payment of a run, ending at now", async () => {
    const c = await crewWith("run", 100, ["alpha", "beta"]);
    await c.pay("alpha", 10);
    await c.pay("beta", 25.5);
    await c.pay("alpha", 4.25);
    const burn = await crewBurnDown(c.workspaceId, c.crewId);
    const crew = await getCrew(c.workspaceId, c.crewId);
    const times = await paymentTimes(c.crewId);

    expect(burn).toMatchObject({ budget: 100, budget_window: "run", window_start: crew.window_start, window_end: null, ideal: [] });
    expect(burn.points).toEqual([
      { at: crew.window_start, spent: 0, remaining: 100 },
      { at: times[0], spent: 10, remaining: 90 },
      { at: times[1], spent: 35.5, remaining: 64.5 },
      { at: times[2], spent: 39.75, remaining: 60.25 },
      { at: burn.now, spent: 39.75, remaining: 60.25 },
    ]);
    expect(crew).toMatchObject({ spent: 39.75, remaining_budget: 60.25 });
  });

  it("starts again after reset_spent: earlier payments of the run no longer count", async () => {
    const c = await crewWith("run", 50, ["alpha"]);
    await c.pay("alpha", 20);
    await updateCrew(c.workspaceId, c.crewId, { reset_spent: true }, ADMIN);
    await c.pay("alpha", 5);
    const burn = await crewBurnDown(c.workspaceId, c.crewId);
    expect(burn.points.map((p) => p.remaining)).toEqual([50, 45, 45]);
    expect(burn.points[1]!.at).toBe((await paymentTimes(c.crewId))[1]);
  });

  it("covers the current UTC day only, with an ideal line from the budget to 0 at midnight", async () => {
    const c = await crewWith("day", 40, ["alpha"]);
    await db.sql(
      `INSERT INTO payment_authorizations (id, workspace_id, session_id, agent_id, crew_id, amount_micros, currency, description, created_at)
       VALUES ($1, $2, $3, 'alpha', $4, 30000000, 'USD', 'yesterday', now() - interval '1 day')`,
      [newId("authorization"), c.workspaceId, c.sessions.get("alpha"), c.crewId],
    );
    await c.pay("alpha", 12.345678);
    const burn = await crewBurnDown(c.workspaceId, c.crewId);
    const start = utcMidnight(burn.now);
    const end = new Date(Date.parse(start) + 86_400_000).toISOString();
    expect(burn).toMatchObject({ window_start: start, window_end: end, ideal: [{ at: start, remaining: 40 }, { at: end, remaining: 0 }] });
    expect(burn.points.map((p) => [p.spent, p.remaining])).toEqual([[0, 40], [12.345678, 27.654322], [12.345678, 27.654322]]);
  });

  it("ends a month window at the first instant of the next month", async () => {
    const c = await crewWith("month", 1000, ["alpha"]);
    const burn = await crewBurnDown(c.workspaceId, c.crewId);
    const [year, month] = [Number(burn.now.slice(0, 4)), Number(burn.now.slice(5, 7))];
    expect(burn.window_start).toBe(new Date(Date.UTC(year, month - 1, 1)).toISOString());
    expect(burn.window_end).toBe(new Date(Date.UTC(year, month, 1)).toISOString());
    expect(burn.points).toEqual([{ at: burn.window_start, spent: 0, remaining: 1000 }, { at: burn.now, spent: 0, remaining: 1000 }]);
  });

  it("shows spend without a remaining figure for a crew without a budget, and 0 remaining when the budget was lowered below spend", async () => {
    const c = await crewWith("run", null, ["alpha"]);
    await c.pay("alpha", 8);
    const burn = await crewBurnDown(c.workspaceId, c.crewId);
    expect(burn.points.map((p) => [p.spent, p.remaining])).toEqual([[0, null], [8, null], [8, null]]);
    await updateCrew(c.workspaceId, c.crewId, { budget: 5 }, ADMIN);
    expect((await crewBurnDown(c.workspaceId, c.crewId)).points.map((p) => p.remaining)).toEqual([5, 0, 0]);
  });
});

describe(`a crew's per-agent breakdown on ${databaseLabel()}`, () => {
  it("gives each agent its spend in the crew's window, share of the budget, payments and actions", async () => {
    const c = await crewWith("run", 80, ["alpha", "beta", "gamma"]);
    await c.pay("alpha", 10);
    await c.pay("beta", 30);
    await c.pay("alpha", 6);
    await checkScope({ workspaceId: c.workspaceId, actor: KEY }, c.sessions.get("gamma")!, "read");
    await checkScope({ workspaceId: c.workspaceId, actor: KEY }, c.sessions.get("gamma")!, "execute");
    expect(await crewAgentBreakdown(c.workspaceId, c.crewId)).toEqual([
      { agent_id: "beta", display_name: null, is_member: true, spent: 30, budget_share: 0.375, payments: 1, actions: 1 },
      { agent_id: "alpha", display_name: null, is_member: true, spent: 16, budget_share: 0.2, payments: 2, actions: 2 },
      { agent_id: "gamma", display_name: null, is_member: true, spent: 0, budget_share: 0, payments: 0, actions: 2 },
    ]);
  });

  it("keeps an agent that left the crew with what it spent, and lists a new member with zeros", async () => {
    const c = await crewWith("run", null, ["alpha", "beta"]);
    await c.pay("alpha", 2.5);
    await removeCrewMember(c.workspaceId, c.crewId, "alpha", ADMIN);
    await removeCrewMember(c.workspaceId, c.crewId, "beta", ADMIN);
    expect(await crewAgentBreakdown(c.workspaceId, c.crewId)).toEqual([
      { agent_id: "alpha", display_name: null, is_member: false, spent: 2.5, budget_share: null, payments: 1, actions: 1 },
    ]);
  });

  it("counts a day window's payments only since midnight UTC", async () => {
    const c = await crewWith("day", 100, ["alpha"]);
    await db.sql(
      `INSERT INTO payment_authorizations (id, workspace_id, session_id, agent_id, crew_id, amount_micros, currency, description, created_at)
       VALUES ($1, $2, $3, 'alpha', $4, 50000000, 'USD', 'yesterday', now() - interval '1 day')`,
      [newId("authorization"), c.workspaceId, c.sessions.get("alpha"), c.crewId],
    );
    await c.pay("alpha", 1);
    expect(await crewAgentBreakdown(c.workspaceId, c.crewId)).toEqual([
      { agent_id: "alpha", display_name: null, is_member: true, spent: 1, budget_share: 0.01, payments: 1, actions: 1 },
    ]);
  });
});

describe(`crew figures across workspaces on ${databaseLabel()}`, () => {
  it("answers another workspace's crew id as not found, and shows it nothing", async () => {
    const c = await crewWith("run", 10, ["alpha"]);
    await c.pay("alpha", 1);
    const other = (await createWorkspace({ slug: randomSlug("cd") }, ADMIN)).id;
    const error = await crewBurnDown(other, c.crewId).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
    expect(await crewAgentBreakdown(other, c.crewId)).toEqual([]);
  });
});
