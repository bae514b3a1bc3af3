// The smallest raw-SQL surface the migration runner and health checks need, implemented over
// PGlite and node-postgres. Multi-statement scripts need the simple query protocol, which
// Prisma's $executeRaw does not use.
import type { PgliteClient, PgliteQueryable } from "./pglite-worker-client";
import type { Client, Pool } from "pg";

export type SqlRunner = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  transaction(fn: (tx: Omit<SqlRunner, "transaction">) => Promise<void>): Promise<void>;
};

export function pgliteRunner(db: PgliteClient): SqlRunner {
  const over = (q: PgliteQueryable) => ({
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    ...over(db),
    async transaction(fn) {
      await db.transaction((tx) => fn(over(tx)));
    },
  };
}

export function pgClientRunner(client: Client): SqlRunner {
  const base = {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
  return {
    ...base,
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        await fn(base);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
  };
}

/** Borrows a pooled connection for the duration of fn. */
export async function withPooledRunner<T>(pool: Pool, fn: (runner: SqlRunner) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(pgClientRunner(client as unknown as Client));
  } finally {
    client.release();
  }
}
