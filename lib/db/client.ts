// The database: embedded PGlite in the data directory when DATABASE_URL is unset, a PostgreSQL
// server when it is set. The same generated Prisma client serves both through driver adapters.
// Nothing is opened at import time (so `next build` never touches a database): getDb() opens
// the database and applies pending migrations on first use, once per process.
import { createHash } from "node:crypto";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";
import { config } from "@/lib/config";
import { logger } from "@/lib/logger";
import { acquireDataDirLock } from "./pglite-lock";
import { openPgliteWorker, type PgliteClient } from "./pglite-worker-client";
import { applyMigrations, type MigrationResult } from "./migrate";
import { pgliteRunner, withPooledRunner, type SqlRunner } from "./sql-runner";
import { withPgliteFixes } from "./pglite-adapter-fixes";

export type Db = {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /**
   * One parameterised statement straight through the driver, without Prisma: for the hot
   * paths, where Prisma's per-call cost is most of the request. Cast bigint and numeric
   * columns to text: the two drivers parse them differently.
   */
  sql<T>(text: string, params?: unknown[], options?: SqlOptions): Promise<T[]>;
  /** Runs fn with a raw SQL runner (simple query protocol) on this database. */
  withRunner<T>(fn: (runner: SqlRunner) => Promise<T>): Promise<T>;
  migrate(): Promise<MigrationResult>;
  /** Connection use, for the metrics endpoint: never a database round trip. */
  poolStats(): DbPoolStats;
  /** What getDb() applied when it opened the database. */
  appliedAtOpen?: string[];
  close(): Promise<void>;
};

/**
 * statement: a name for a fixed SQL text that runs often; PostgreSQL then parses and plans it
 * once per pooled connection (a prepared statement) instead of on every call. Never name SQL
 * text that varies. PGlite ignores it.
 */
export type SqlOptions = { statement?: string };

/**
 * PostgreSQL: node-postgres' pool (open, idle and waiting-for-a-connection counts, and the cap).
 * PGlite: one session, so what matters is how many requests wait for the worker thread.
 */
export type DbPoolStats =
  | { kind: "postgres"; total: number; idle: number; waiting: number; max: number }
  | { kind: "pglite"; pending: number };

// Prisma waits 2 s by default to start an interactive transaction. On the embedded database
// transactions run one at a time, and on PostgreSQL each needs a pooled connection: under a burst
// of hundreds of concurrent requests the queue is longer than that, and a request must wait its
// turn rather than fail with a 500 (issue 11).
const TRANSACTION_OPTIONS = { maxWait: 30_000 };

export type DbTarget = { url: string; poolSize?: number } | { pgliteDir: string | null };

export async function openDatabase(target: DbTarget): Promise<Db> {
  if ("url" in target) return openPostgres(target.url, target.poolSize ?? 10);
  return openPglite(target.pgliteDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const { Pool } = await import("pg");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const pool: Pool = new Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool replaces it on the next checkout.
  pool.on("error", (error) => logger.warn("idle PostgreSQL connection lost", { error: error.message }));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
  const withRunner = <T>(fn: (runner: SqlRunner) => Promise<T>) => withPooledRunner(pool, fn);
  return {
    prisma,
    kind: "postgres",
    sql: async <T>(text: string, params: unknown[] = [], options: SqlOptions = {}) =>
      (await pool.query({ text, values: params, name: options.statement && statementName(options.statement, text) })).rows as T[],
    withRunner,
    poolStats: () => ({ kind: "postgres", total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolSize }),
    migrate: () => withRunner((runner) => applyMigrations(runner, { useAdvisoryLock: true })),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

// A prepared statement's name must always stand for the same text on a connection.
const statementNames = new Map<string, string>();
function statementName(statement: string, text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `${statement}:${createHash("sha256").update(text).digest("hex").slice(0, 12)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** pgliteDir null opens a throwaway in-memory database (tests). */
async function openPglite(pgliteDir: string | null): Promise<Db> {
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const release = pgliteDir ? acquireDataDirLock(pgliteDir) : () => {};
  let pglite: PgliteClient;
  try {
    pglite = await openPgliteWorker(pgliteDir);
  } catch (error) {
    release();
    throw error;
  }
  // The adapter uses only the part of PGlite's interface that the worker client implements.
  const prisma = new PrismaClient({ adapter: withPgliteFixes(new PrismaPGlite(pglite as unknown as PGlite)), transactionOptions: TRANSACTION_OPTIONS });
  const runner = pgliteRunner(pglite);
  return {
    prisma,
    kind: "pglite",
    sql: async <T>(text: string, params: unknown[] = []) => (await pglite.query<T>(text, params)).rows,
    withRunner: (fn) => fn(runner),
    poolStats: () => ({ kind: "pglite", pending: pglite.pendingRequests }),
    migrate: () => applyMigrations(runner, { useAdvisoryLock: false }),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      release();
    },
  };
}

export function targetFromConfig(): DbTarget {
  const cfg = config();
  return cfg.DATABASE_URL ? { url: cfg.DATABASE_URL, poolSize: cfg.WARDEN_DB_POOL_SIZE } : { pgliteDir: cfg.pgliteDir };
}

// Kept on globalThis: Next may load this module in several bundles of one process, and they
// must share one database handle (a second PGlite on the same directory would be refused).
const globalForDb = globalThis as unknown as { wardenDb?: Promise<Db>; wardenDbShutDown?: boolean };

/** The process-wide database, opened and migrated on first use. */
export function getDb(): Promise<Db> {
  // After shutDownDb() nothing may reopen it (a timer's late query would retake the PGlite lock).
  if (globalForDb.wardenDbShutDown) return Promise.reject(new Error("the database is closed: the server is shutting down"));
  globalForDb.wardenDb ??= (async () => {
    const db = await openDatabase(targetFromConfig());
    db.appliedAtOpen = (await db.migrate()).applied;
    return db;
  })().catch((error) => {
    globalForDb.wardenDb = undefined;
    throw error;
  });
  return globalForDb.wardenDb;
}

export async function prisma(): Promise<PrismaClient> {
  return (await getDb()).prisma;
}

/** Db.sql on the process-wide database. */
export async function sql<T>(text: string, params: unknown[] = [], options?: SqlOptions): Promise<T[]> {
  return (await getDb()).sql<T>(text, params, options);
}

/** For tests and scripts that set their own database. */
export function setDbForProcess(db: Db): void {
  globalForDb.wardenDb = Promise.resolve(db);
}

/** Closes the process-wide database if it was opened (scripts and the CLI). */
export async function closeDb(): Promise<void> {
  const pending = globalForDb.wardenDb;
  globalForDb.wardenDb = undefined;
  const db = await pending?.catch(() => null);
  await db?.close();
}

/** Closes the process-wide database for good, at server shutdown: later getDb() calls fail. */
export async function shutDownDb(): Promise<void> {
  globalForDb.wardenDbShutDown = true;
  await closeDb();
}
