// The overview's aggregations on a fresh database of this project's kind: data made through the
// domain functions the API uses (sessions, payments, logged actions), then moved to known
// instants (as if made then) so buckets, their boundaries and the period's edges are exact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/append-events";
import { logAction } from "@/lib/audit/log-action";
import { createCrew } from "@/lib/crews/manage-crews";
import { getDecisionsOverTime } from "@/lib/dashboard/get-decisions-over-time";
import { getOverviewFigures } from "@/lib/dashboard/get-overview-figures";
import { getSpendByAgent } from "@/lib/dashboard/get-spend-by-agent";
import { getSpendByCrew } from "@/lib/dashboard/get-spend-by-crew";
import { listTopDenied } from "@/lib/dashboard/list-top-denied";
import { listTopSpenders } from "@/lib/dashboard/list-top-spenders";
import { rangePeriod } from "@/lib/dashboard/period";
import type { Db } from "@/lib/db/client";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { createSession } from "@/lib/sessions/create-session";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const KEY: Actor = { type: "api_key", id: "key_01JD0000000000000000000000" };
const DAY = "2026-01-15";
const at = (iso: string) => new Date(iso);
const oneDay = rangePeriod(at(`${DAY}T00:00:00Z`), at(`${DAY}T00:00:00Z`));

let fresh: FreshDatabase;
let db: Db;

beforeAll(async () => {
  fresh = await useFreshDatabaseForProcess();
  db = fresh.db;
});
afterAll(async () => fresh?.dispose());

async function workspace() {
  const ws = await createWorkspace({ slug: randomSlug("dash") }, KEY);
  const principal = { workspaceId: ws.id, actor: KEY };
  const session = async (agentId: string, crewId?: string) =>
    (await createSession(ws.id, { agent_id: agentId, scopes: ["read", "spend"], ttl: 0, ...(crewId ? { crew_id: crewId } : {}) }, KEY)).session_id;
  /** An authorized payment, moved to `when`. */
  const pay = async (sessionId: string, amount: number, when: string) => {
    const result = await authorizePayment(principal, { session_id: sessionId, amount, currency: "USD", description: "test" });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const id = (result.body as { authorization_id: string }).authorization_id;
    await db.sql(`UPDATE payment_authorizations SET created_at = $2 WHERE id = $1`, [id, at(when)]);
  };
  /** A logged action with a decision, moved to `when`. */
  const act = async (sessionId: string, decision: string | null, when: string) => {
    const { entry_id } = await logAction(principal, { session_id: sessionId, action: "tool_call", tool: "t", cost_usd: 0, details: {}, ...(decision ? { decision: decision as "ALLOW" } : {}) });
    await db.sql(`UPDATE audit_events SET created_at = $2 WHERE id = $1`, [entry_id, at(when)]);
  };
  return { id: ws.id, session, pay, act };
}

const values = (series: { points: { bucket: string; values: Record<string, number> }[] }, key: string) => series.points.map((p) => p.values[key]);

describe(`dashboard aggregations on ${databaseLabel()}`, () => {
  it("counts spend per hour bucket exactly: a payment at 10:59:59.999 is in 10:00, one at 11:00:00.000 in 11:00, and the day's edges are in or out", async () => {
    const w = await workspace();
    const s = await w.session("alpha");
    await w.pay(s, 1.5, `${DAY}T00:00:00.000Z`);
    await w.pay(s, 2.25, `${DAY}T10:59:59.999Z`);
    await w.pay(s, 0.000001, `${DAY}T11:00:00.000Z`);
    await w.pay(s, 7, `${DAY}T23:59:59.999Z`);
    await w.pay(s, 100, `2026-01-16T00:00:00.000Z`); // the next day: outside
    await w.pay(s, 200, `2026-01-14T23:59:59.999Z`); // the day before: outside

    const spend = await getSpendByAgent(w.id, oneDay);
    expect(spend.series).toEqual([{ key: "s0", label: "alpha", total: 10.750001 }]);
    expect(spend.points).toHaveLength(24);
    expect(spend.points[0]!.bucket).toBe(`${DAY}T00:00:00.000Z`);
    expect(spend.points[23]!.bucket).toBe(`${DAY}T23:00:00.000Z`);
    const expected = Array<number>(24).fill(0);
    expected[0] = 1.5;
    expected[10] = 2.25;
    expected[11] = 0.000001;
    expected[23] = 7;
    expect(values(spend, "s0")).toEqual(expected);
    expect((await getOverviewFigures(w.id, oneDay)).spend).toBe(10.750001);
  });

  it("stacks spend by the top five agents by spend, the rest summed as Other, with zero-filled days", async () => {
    const w = await workspace();
    const amounts = { a1: 70, a2: 60, a3: 50, a4: 40, a5: 30, a6: 20, a7: 10 };
    for (const [agent, amount] of Object.entries(amounts)) await w.pay(await w.session(agent), amount, `2026-01-12T12:00:00Z`);
    await w.pay(await w.session("a7"), 5, `2026-01-14T08:00:00Z`);
    const period = rangePeriod(at("2026-01-12T00:00:00Z"), at("2026-01-14T00:00:00Z"));
    expect(period.bucket).toBe("day");

    const spend = await getSpendByAgent(w.id, period);
    expect(spend.series.map((s) => [s.label, s.total])).toEqual([["a1", 70], ["a2", 60], ["a3", 50], ["a4", 40], ["a5", 30], ["Other", 35]]);
    expect(spend.points.map((p) => p.bucket)).toEqual(["2026-01-12T00:00:00.000Z", "2026-01-13T00:00:00.000Z", "2026-01-14T00:00:00.000Z"]);
    expect(values(spend, "s5")).toEqual([30, 0, 5]);
    expect(values(spend, "s0")).toEqual([70, 0, 0]);

    expect(await listTopSpenders(w.id, period, 3)).toEqual([
      { agent_id: "a1", display_name: null, spend: 70, payments: 1 },
      { agent_id: "a2", display_name: null, spend: 60, payments: 1 },
      { agent_id: "a3", display_name: null, spend: 50, payments: 1 },
    ]);
  });

  it("stacks spend by the crew the paying session named, payments without a crew as No crew", async () => {
    const w = await workspace();
    const crew = await createCrew(w.id, { name: "red-team", budget_window: "run", agent_ids: [] }, KEY);
    await w.pay(await w.session("c1", crew.crew_id), 4, `${DAY}T09:15:00Z`);
    await w.pay(await w.session("c2", crew.crew_id), 6, `${DAY}T09:45:00Z`);
    await w.pay(await w.session("solo"), 1, `${DAY}T13:00:00Z`);

    const byCrew = await getSpendByCrew(w.id, oneDay);
    expect(byCrew.series.map((s) => [s.label, s.total])).toEqual([["red-team", 10], ["No crew", 1]]);
    expect(values(byCrew, "s0")[9]).toBe(10);
    expect(values(byCrew, "s1")[13]).toBe(1);
    expect(values(byCrew, "s0").reduce((a, b) => a! + b!, 0)).toBe(10);
  });

  it("counts decisions per outcome per bucket and ranks agents by denials; people's and undecided entries are not counted", async () => {
    const w = await workspace();
    const [x, y] = [await w.session("xavier"), await w.session("yvonne")];
    await w.act(x, "ALLOW", `${DAY}T02:00:00Z`);
    await w.act(x, "BLOCK", `${DAY}T02:30:00Z`);
    await w.act(x, "BLOCK", `${DAY}T05:59:59.999Z`);
    await w.act(y, "BLOCK", `${DAY}T06:00:00Z`);
    await w.act(y, "ESCALATE", `${DAY}T06:10:00Z`);
    await w.act(y, "CONSTRAIN", `${DAY}T06:20:00Z`);
    await w.act(y, "LOG", `${DAY}T06:30:00Z`);
    await w.act(y, null, `${DAY}T06:40:00Z`);
    await w.act(y, "BLOCK", `2026-01-16T00:00:00Z`); // outside

    const decisions = await getDecisionsOverTime(w.id, oneDay);
    expect(decisions).toHaveLength(24);
    expect(decisions[2]).toEqual({ bucket: `${DAY}T02:00:00.000Z`, ALLOW: 1, LOG: 0, CONSTRAIN: 0, BLOCK: 1, ESCALATE: 0 });
    expect(decisions[5]).toEqual({ bucket: `${DAY}T05:00:00.000Z`, ALLOW: 0, LOG: 0, CONSTRAIN: 0, BLOCK: 1, ESCALATE: 0 });
    expect(decisions[6]).toEqual({ bucket: `${DAY}T06:00:00.000Z`, ALLOW: 0, LOG: 1, CONSTRAIN: 1, BLOCK: 1, ESCALATE: 1 });
    expect(decisions.filter((_, i) => ![2, 5, 6].includes(i)).every((d) => d.ALLOW + d.LOG + d.CONSTRAIN + d.BLOCK + d.ESCALATE === 0)).toBe(true);

    expect(await listTopDenied(w.id, oneDay)).toEqual([
      { agent_id: "xavier", display_name: null, denials: 2, actions: 3 },
      { agent_id: "yvonne", display_name: null, denials: 1, actions: 5 },
    ]);
    const figures = await getOverviewFigures(w.id, oneDay);
    expect(figures).toMatchObject({ actions: 8, blocked: 3, escalated: 1, spend: 0 });
  });

  it("never counts another workspace's payments or actions", async () => {
    const mine = await workspace();
    const other = await workspace();
    await mine.pay(await mine.session("same-name"), 3, `${DAY}T12:00:00Z`);
    const theirs = await other.session("same-name");
    await other.pay(theirs, 1000, `${DAY}T12:00:00Z`);
    await other.act(theirs, "BLOCK", `${DAY}T12:00:00Z`);

    expect((await getSpendByAgent(mine.id, oneDay)).series).toEqual([{ key: "s0", label: "same-name", total: 3 }]);
    expect((await getSpendByCrew(mine.id, oneDay)).series.map((s) => s.total)).toEqual([3]);
    expect(await listTopSpenders(mine.id, oneDay)).toEqual([{ agent_id: "same-name", display_name: null, spend: 3, payments: 1 }]);
    expect(await listTopDenied(mine.id, oneDay)).toEqual([]);
    expect((await getDecisionsOverTime(mine.id, oneDay))[12]).toMatchObject({ ALLOW: 0, BLOCK: 0 });
    expect(await getOverviewFigures(mine.id, oneDay)).toMatchObject({ spend: 3, blocked: 0, active_sessions: 1 });
  });
});
