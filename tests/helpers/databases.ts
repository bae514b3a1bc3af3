// Throwaway databases for domain-level integration tests: an in-memory PGlite in the PGlite
// project, a freshly created PostgreSQL database (dropped afterwards) in the PostgreSQL project.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, setDbForProcess, type Db } from "@/lib/db/client";

/** The PostgreSQL URL of this project, or "" in the PGlite project. */
export const postgresUrl = (): string => inject("databaseUrl");
export const isPostgres = (): boolean => postgresUrl() !== "";
export const databaseLabel = (): string => (isPostgres() ? "PostgreSQL" : "in-memory PGlite");

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database on the project's server; drop() removes it. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `warden_t_${randomBytes(6).toString("hex")}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export type FreshDatabase = { db: Db; dispose: () => Promise<void> };

/** An empty, unmigrated database of this project's kind; dispose() closes (and drops) it. */
export async function openEmptyDatabase(): Promise<FreshDatabase> {
  if (!isPostgres()) {
    const db = await openDatabase({ pgliteDir: null });
    return { db, dispose: () => db.close() };
  }
  const empty = await createEmptyPostgresDatabase();
  const db = await openDatabase({ url: empty.url });
  return {
    db,
    dispose: async () => {
      await db.close();
      await empty.drop();
    },
  };
}

/**
 * A fresh migrated database installed as the process-wide one, so domain functions (which
 * call prisma()) use it. dispose() in afterAll.
 */
export async function useFreshDatabaseForProcess(): Promise<FreshDatabase> {
  const fresh = await openEmptyDatabase();
  await fresh.db.migrate();
  setDbForProcess(fresh.db);
  return fresh;
}
