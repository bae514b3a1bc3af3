// `npx tsx bench/db-cost.ts`: what the hot routes' database calls cost on their own, without HTTP
// or Next.js, to see where a request's time goes. In one process, on the embedded database (and
// on PostgreSQL when DATABASE_URL is set), it times the app's own functions and the same SQL
// sent straight through the driver (PGlite's query() / a node-postgres pool), or Prisma, each
// for DBCOST_SECONDS (default 3) at concurrency 1 and DBCOST_CONCURRENCY (default 50), and
// prints ops/s and CPU per operation in this process (Node + Prisma + PGlite's WASM when
// embedded) and in PostgreSQL. Then it splits the audit chain's per-event cost in SQL (building
// the canonical text, hashing, inserting the row with its indexes) and times the same hash in
// TypeScript (lib/audit/chain-hash.ts). A hot request's key lookup and check are timed both
// as two calls and folded into one statement, as the hot routes make them. The PostgreSQL database gets a workspace
// `dbcost-<random>`; nothing else is changed (the insert timings roll back).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logAction } from "@/lib/audit/log-action";
import { logBatch } from "@/lib/audit/log-batch";
import { entryHash, type ChainFields } from "@/lib/audit/chain-hash";
import { hashApiKey } from "@/lib/auth/api-key-secret";
import { runCliCommand } from "@/lib/cli/run-command";
import { closeDb, openDatabase, setDbForProcess, type Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { authenticateCredential, readCredential } from "@/lib/keys/authenticate-api-key";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { checkScope } from "@/lib/sessions/check-scope";
import { createSession } from "@/lib/sessions/create-session";
import { cpuBetween, cpuSnapshot } from "./cpu";

const SECONDS = Number(process.env.DBCOST_SECONDS ?? 3);
const CONCURRENCY = Number(process.env.DBCOST_CONCURRENCY ?? 50);
const BATCH_SIZE = 1000;

type Op = { name: string; path: string; events: number; run: () => Promise<unknown> };

type Fixture = { ws: string; sid: string };

async function operations(db: Db, fixture: Fixture, key: string): Promise<Op[]> {
  const { ws, sid } = fixture;
  const actor = ACTOR;
  const resolved = { workspaceId: ws, actor };
  const headers = new Headers({ authorization: `Bearer ${key}` });
  const hash = hashApiKey(key);
  const sql = <T>(text: string, params: unknown[] = []) => db.withRunner((runner) => runner.query<T>(text, params));
  const event = { session_id: sid, action: "bench", tool: "bench", cost_usd: 0, details: {} };
  const events = Array.from({ length: BATCH_SIZE }, () => event);
  const batchPayload = () =>
    JSON.stringify(events.map(() => ({ id: newId("audit"), session_id: sid, tool: "bench", action: "bench", decision: null, cost_micros: "0", details: {}, suggested_by: null })));
  const P = "app code" as const;
  const D = "driver (same SQL)" as const;
  return [
    { name: "SELECT 1", path: P, events: 0, run: () => db.prisma.$queryRaw`SELECT 1 AS one` },
    { name: "SELECT 1", path: D, events: 0, run: () => sql("SELECT 1 AS one") },
    { name: "API key lookup (every request)", path: P, events: 0, run: () => authenticateCredential(readCredential(headers, null)) },
    { name: "API key lookup (every request)", path: D, events: 0, run: () => sql("SELECT * FROM api_keys WHERE hash = $1", [hash]) },
    { name: "check: warden_check_scope", path: P, events: 1, run: () => checkScope(resolved, sid, "read") },
    {
      name: "check: warden_check_scope",
      path: D,
      events: 1,
      run: () => sql("SELECT status FROM warden_check_scope($1, $2, $3, $4, $5, $6)", [ws, sid, "read", newId("audit"), actor.type, actor.id]),
    },
    {
      name: "authorize: warden_authorize_payment",
      path: P,
      events: 1,
      run: () => authorizePayment(resolved, { session_id: sid, amount: 0.01, currency: "USD", description: "" }),
    },
    {
      name: "authorize: warden_authorize_payment",
      path: D,
      events: 1,
      run: () =>
        sql("SELECT status FROM warden_authorize_payment($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", [
          ws, sid, 10_000, "USD", "", null, newId("authorization"), newId("audit"), actor.type, actor.id, null,
        ]),
    },
    { name: "audit: warden_log_action", path: P, events: 1, run: () => logAction(resolved, event) },
    {
      name: "audit: warden_log_action",
      path: D,
      events: 1,
      run: () =>
        sql("SELECT status FROM warden_log_action($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)", [
          ws, sid, newId("audit"), actor.type, actor.id, "bench", "bench", 0, "{}", null, null,
        ]),
    },
    // A hot request's key lookup and operation: authenticated first (two round trips, as every
    // other route does), and with the key checked in the operation's statement (as the hot routes do).
    {
      name: "key lookup + check (a hot request)",
      path: "app code, 2 calls",
      events: 1,
      run: async () => {
        const key = await authenticateCredential(readCredential(headers, "sessions:write"));
        await checkScope({ workspaceId: key.workspaceId, actor: { type: "api_key", id: key.id } }, sid, "read");
      },
    },
    {
      name: "key lookup + check (a hot request)",
      path: "app code, 1 statement",
      events: 1,
      run: () => checkScope({ credential: readCredential(headers, "sessions:write") }, sid, "read"),
    },
    { name: `batch: ${BATCH_SIZE} events`, path: P, events: BATCH_SIZE, run: () => logBatch(ws, events, actor) },
    {
      name: `batch: ${BATCH_SIZE} events`,
      path: D,
      events: BATCH_SIZE,
      run: () => sql("SELECT status FROM warden_append_audit_batch($1, $2, $3, $4::jsonb)", [ws, actor.type, actor.id, batchPayload()]),
    },
  ];
}

const ACTOR = { type: "api_key" as const, id: "key_dbcost" };

async function seed(db: Db): Promise<{ fixture: Fixture; key: string }> {
  const slug = `dbcost-${randomBytes(3).toString("hex")}`;
  await runCliCommand(["create-workspace", slug]);
  const key = (await runCliCommand(["create-key", "--workspace", slug, "--name", "dbcost", "--scopes", "*"])).lines.at(-1)!;
  const workspace = await db.prisma.workspace.findUniqueOrThrow({ where: { slug } });
  const session = await createSession(workspace.id, { agent_id: "dbcost-agent", scopes: ["read", "spend"], ttl: 0 }, ACTOR);
  return { fixture: { ws: workspace.id, sid: session.session_id }, key };
}

type Measured = { ops: number; opsPerSec: number; nodeUsPerOp: number; pgUsPerOp: number | null };

async function measure(op: Op, concurrency: number, database: string | null): Promise<Measured> {
  const deadline = performance.now() + SECONDS * 1000;
  let ops = 0;
  const before = cpuSnapshot(null, database);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await op.run();
        ops++;
      }
    }),
  );
  const cpu = cpuBetween(before, cpuSnapshot(null, database), database);
  return {
    ops,
    opsPerSec: ops / cpu.seconds,
    nodeUsPerOp: (cpu.bench * 1e6) / ops,
    pgUsPerOp: cpu.postgres === null ? null : (cpu.postgres * 1e6) / ops,
  };
}

class Rollback extends Error {}

/** Wall time of fn, best of `repeat` (one statement in one backend, so for PostgreSQL ≈ its CPU time). */
async function bestOf(repeat: number, fn: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** Per-event cost of the chain's parts in SQL, and of the same hash in TypeScript. */
async function chainCost(db: Db, fixture: Fixture): Promise<void> {
  const N = 5000;
  const REPEAT = 5;
  const q = (text: string, params: unknown[] = []) => db.withRunner((runner) => runner.query(text, params));
  const [{ n }] = (await q("SELECT count(*)::int AS n FROM audit_events WHERE workspace_id = $1", [fixture.ws])) as { n: number }[];
  if (n < N) throw new Error(`chain cost needs ${N} events in the workspace, found ${n}`);
  // PGlite runs no autovacuum (single-user PostgreSQL): without fresh statistics it plans this
  // read as a scan of the whole workspace.
  await q("ANALYZE audit_events");
  const rows = `(SELECT * FROM audit_events WHERE workspace_id = $1 AND seq <= ${N} ORDER BY seq) e`;
  const time = (text: string) => bestOf(REPEAT, () => q(text, [fixture.ws]));
  const scan = await time(`SELECT count(*) FROM ${rows}`);
  const canonical = await time(`SELECT sum(length(warden_audit_canonical(e))) FROM ${rows}`);
  const hash = await time(`SELECT count(warden_entry_hash(e)) FROM ${rows}`);
  const insertInto = async (table: string) =>
    bestOf(REPEAT, async () => {
      await db
        .withRunner((runner) =>
          runner.transaction(async (tx) => {
            if (table !== "audit_events") {
              await tx.exec(`CREATE TEMP TABLE ${table} (LIKE audit_events INCLUDING ${table === "copy_indexed" ? "ALL" : "DEFAULTS"}) ON COMMIT DROP`);
            }
            await tx.query(
              `INSERT INTO ${table} SELECT id || 'c', workspace_id, seq + 1000000000000, created_at, actor_type, actor_id, agent_id, session_id,
                 suggested_by, tool, action, decision, cost_micros, details, flagged, flag_reason, prev_hash, entry_hash FROM ${rows}`,
              [fixture.ws],
            );
            throw new Rollback();
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    });
  const insertReal = await insertInto("audit_events");
  const insertIndexed = await insertInto("copy_indexed");
  const insertBare = await insertInto("copy_bare");
  const fields = (await q(`SELECT * FROM ${rows}`, [fixture.ws])) as Record<string, unknown>[];
  const entries: ChainFields[] = fields.map((r) => ({
    id: String(r.id),
    workspaceId: String(r.workspace_id),
    seq: BigInt(r.seq as string | number),
    createdAt: new Date(r.created_at as string),
    actorType: String(r.actor_type),
    actorId: String(r.actor_id),
    agentId: (r.agent_id as string | null) ?? null,
    sessionId: (r.session_id as string | null) ?? null,
    suggestedBy: (r.suggested_by as string | null) ?? null,
    tool: String(r.tool),
    action: String(r.action),
    decision: (r.decision as string | null) ?? null,
    costMicros: BigInt(r.cost_micros as string | number),
    details: typeof r.details === "string" ? JSON.parse(r.details) : r.details,
    flagged: Boolean(r.flagged),
    flagReason: (r.flag_reason as string | null) ?? null,
    prevHash: String(r.prev_hash),
  }));
  const jsHash = await bestOf(REPEAT, async () => entries.forEach((e) => entryHash(e)));
  const matches = entries.filter((e, i) => entryHash(e) === fields[i]!.entry_hash).length;
  const us = (ms: number) => `${((ms * 1000) / N).toFixed(1).padStart(6)} µs`;
  console.log(`\n  audit chain cost per event (${N} events, best of ${REPEAT}; wall time of one statement, which on PostgreSQL is one backend's CPU):`);
  console.log(`    read the rows (SELECT count(*) over them)        ${us(scan)}`);
  console.log(`    canonical jsonb text (warden_audit_canonical)    ${us(canonical - scan)}  (over the read)`);
  console.log(`    canonical text + SHA-256 (warden_entry_hash)     ${us(hash - scan)}  (over the read)`);
  console.log(`    INSERT … SELECT into audit_events (5 indexes)    ${us(insertReal)}  (read included; rolled back)`);
  console.log(`    INSERT … SELECT into a temp copy, its 5 indexes  ${us(insertIndexed)}  (no WAL)`);
  console.log(`    INSERT … SELECT into a temp copy, no indexes     ${us(insertBare)}  (no WAL)`);
  console.log(`    the same hash in TypeScript (chain-hash.ts)      ${us(jsHash)}  (${matches}/${N} equal to the stored hashes)`);
}

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });

async function runOn(label: string, db: Db, database: string | null): Promise<void> {
  setDbForProcess(db);
  const { fixture, key } = await seed(db);
  const ops = await operations(db, fixture, key);
  console.log(`\n=== ${label}: ${SECONDS} s per line, in one process (no HTTP) ===`);
  const header = ["operation", "path", "conc", "ops/s", "events/s", "Node CPU µs/op", "PG CPU µs/op"];
  const widths = [36, 19, 4, 7, 8, 14, 12];
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const op of ops) {
    await measure(op, 1, database); // warm-up (plans, JIT), not reported
    for (const concurrency of [1, CONCURRENCY]) {
      const m = await measure(op, concurrency, database);
      console.log(
        line([
          op.name,
          op.path,
          String(concurrency),
          fmt(m.opsPerSec),
          op.events > 1 ? fmt(m.opsPerSec * op.events) : "",
          fmt(m.nodeUsPerOp),
          m.pgUsPerOp === null ? "-" : fmt(m.pgUsPerOp),
        ]),
      );
    }
  }
  await chainCost(db, fixture);
}

async function main(): Promise<void> {
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, ${os.cpus().length} cores`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-dbcost-"));
  try {
    const pglite = await openDatabase({ pgliteDir: path.join(dir, "pglite") });
    await pglite.migrate();
    await runOn("PGlite (embedded, in this process)", pglite, null);
    await closeDb();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    const postgres = await openDatabase({ url, poolSize: 10 });
    await postgres.migrate();
    await runOn("PostgreSQL (pool of 10, as the server)", postgres, decodeURIComponent(new URL(url).pathname.slice(1)));
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
