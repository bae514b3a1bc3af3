// Nothing acknowledged is lost when the process dies: a production server under concurrent
// payments and audit writes is killed with SIGKILL at random moments, several times, and
// restarted on the same data (the same PGlite directory, whose lock the dead server left behind,
// or the same PostgreSQL database). Afterwards every write that got a 2xx is there, every budget's
// `spent` is the sum of the authorizations actually stored and within its limit, and the audit
// chain verifies. Runs on both databases; it starts its own servers (the shared one is not killed).
import { randomInt } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { lockOwner, lockPathFor } from "@/lib/db/pglite-lock";
import { call, driveUntilDead, emptyAcknowledged, waitForAnswers } from "../helpers/crash-load";
import type { AuditEntry } from "../helpers/governance";
import { cliOn, startTestServer, type TestServer } from "../helpers/test-server";

const KILLS = 3;
const WORKERS = 12;
const CREW_BUDGET = 150;
const AGENT_BUDGET = 60;
const SESSION_LIMIT = 25;
const AGENTS = ["crash-a", "crash-b", "crash-c"];
const toMicros = (usd: number) => Math.round(usd * 1_000_000);

describe("a server killed with SIGKILL mid-load", () => {
  const databaseUrl = inject("databaseUrl") || undefined;
  const label = databaseUrl ? "PostgreSQL" : "PGlite";

  it(`keeps every acknowledged write, overspends no budget and restarts by itself, ${KILLS} kills (${label})`, async () => {
    let server: TestServer = await startTestServer({ databaseUrl });
    try {
      const slug = `crash-${randomInt(1e9)}`;
      await cliOn(server, ["create-workspace", slug]);
      const key = (await cliOn(server, ["create-key", "--workspace", slug, "--name", "load", "--scopes", "*"])).at(-1)!;
      const crew = await call(server.url, key, "POST", "/api/v1/crews", { name: "crashers", budget: CREW_BUDGET, agent_ids: AGENTS });
      expect(crew.status, JSON.stringify(crew.body)).toBe(201);
      const sessions: string[] = [];
      for (const agent of AGENTS) {
        expect((await call(server.url, key, "PATCH", `/api/v1/agents/${agent}`, { budget: AGENT_BUDGET })).status).toBe(200);
        for (let i = 0; i < 2; i++) {
          const res = await call(server.url, key, "POST", "/api/v1/sessions", {
            agent_id: agent, scopes: ["spend"], spend_limit: SESSION_LIMIT, crew_id: crew.body.crew_id, ttl: 3600,
          });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          sessions.push(res.body.session_id as string);
        }
      }

      const acked = emptyAcknowledged();
      for (let kill = 1; kill <= KILLS; kill++) {
        const load = driveUntilDead({ url: server.url, key, sessions, workers: WORKERS, acked });
        // Kill once the load is really flowing, at a random moment after that.
        await Promise.race([waitForAnswers(acked, 30), load]);
        await new Promise((r) => setTimeout(r, randomInt(0, 600)));
        expect(await server.kill("SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
        await load;
        // Same data directory (its lock still names the dead server) or the same database, no manual step.
        const lockFile = lockPathFor(path.join(server.dataDir, "pglite"));
        if (!databaseUrl) expect(JSON.parse(fs.readFileSync(lockFile, "utf8")).pid).toBe(server.pid);
        server = await startTestServer({ databaseUrl, dataDir: server.dataDir });
        if (!databaseUrl) expect(lockOwner(path.join(server.dataDir, "pglite"))).toBe(server.pid);
      }

      const entries = await allEntries(server.url, key);
      const stored = new Map<string, { sessionId: string; micros: number }>();
      for (const e of entries.filter((e) => e.action === "payment.authorized")) {
        stored.set(e.details.authorization_id as string, { sessionId: e.session_id!, micros: Number(e.details.amount_micros) });
      }
      const entryIds = new Set(entries.map((e) => e.entry_id));
      const auditFound = [...acked.auditIds].filter((id) => entryIds.has(id)).length;
      const paymentsFound = [...acked.payments.keys()].filter((id) => stored.has(id)).length;
      console.log(
        `[crash-recovery ${label}] kills survived: ${KILLS}; requests answered: ${acked.answered}; ` +
          `acknowledged writes: ${acked.payments.size} payments + ${acked.auditIds.size} audit entries, ` +
          `found after restart: ${paymentsFound} + ${auditFound}; authorizations stored: ${stored.size} ` +
          `($${sum(stored) / 1e6} of the crew's $${CREW_BUDGET}); chain entries: ${entries.length}; 5xx: ${acked.serverErrors.length}`,
      );
      expect(acked.serverErrors).toEqual([]);
      expect(acked.payments.size).toBeGreaterThan(0);
      expect(acked.auditIds.size).toBeGreaterThan(0);
      expect(paymentsFound).toBe(acked.payments.size);
      expect(auditFound).toBe(acked.auditIds.size);
      for (const [id, payment] of acked.payments) expect(stored.get(id)).toEqual(payment);

      // spent is exactly what the stored authorizations add up to, and within every limit.
      for (const sessionId of sessions) {
        const view = await call(server.url, key, "GET", `/api/v1/sessions/${sessionId}`);
        expect(toMicros(view.body.spent as number)).toBe(sum(stored, (p) => p.sessionId === sessionId));
        expect(view.body.spent).toBeLessThanOrEqual(SESSION_LIMIT);
      }
      for (const [i, agent] of AGENTS.entries()) {
        const view = await call(server.url, key, "GET", `/api/v1/agents/${agent}`);
        const own = new Set(sessions.slice(i * 2, i * 2 + 2));
        expect(toMicros(view.body.spent as number)).toBe(sum(stored, (p) => own.has(p.sessionId)));
        expect(view.body.spent).toBeLessThanOrEqual(AGENT_BUDGET);
      }
      const crewView = await call(server.url, key, "GET", `/api/v1/crews/${crew.body.crew_id}`);
      expect(toMicros(crewView.body.spent as number)).toBe(sum(stored));
      expect(crewView.body.spent).toBeLessThanOrEqual(CREW_BUDGET);
      const spend = await call(server.url, key, "GET", `/api/v1/audit/spend?crew_id=${crew.body.crew_id}`);
      expect(toMicros(spend.body.payments_usd as number)).toBe(sum(stored));

      const verify = await call(server.url, key, "GET", "/api/v1/audit/verify");
      expect(verify.body).toMatchObject({ verified: true, entries_checked: entries.length });
      expect(fs.readFileSync(server.logFile, "utf8")).not.toContain("could not start");
    } finally {
      await server.stop({ saveLogTo: `test-results/crash-recovery-${label}.log` });
    }
  }, 300_000); // generous: the machine may be busy; on its own it takes ~1 minute on PGlite, ~20 s on PostgreSQL
});

function sum(stored: Map<string, { sessionId: string; micros: number }>, include: (p: { sessionId: string }) => boolean = () => true): number {
  return [...stored.values()].filter(include).reduce((total, p) => total + p.micros, 0);
}

async function allEntries(url: string, key: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(url, key, "GET", `/api/v1/audit?limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
    expect(page.status).toBe(200);
    entries.push(...(page.body.entries as AuditEntry[]));
    cursor = page.body.next_cursor as string | null;
  } while (cursor);
  return entries;
}
