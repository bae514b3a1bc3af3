// The migration runner on a fresh database of this project's kind (in-memory PGlite, or a
// throwaway PostgreSQL database), and on PostgreSQL, concurrent runners.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { applyMigrations, pendingMigrations, readMigrations, type Migration } from "@/lib/db/migrate";
import { databaseLabel, openEmptyDatabase, type FreshDatabase } from "../helpers/databases";

const MIGRATIONS_DIR = path.resolve("prisma", "migrations");
const migrationNames = fs
  .readdirSync(MIGRATIONS_DIR)
  .filter((name) => fs.existsSync(path.join(MIGRATIONS_DIR, name, "migration.sql")))
  .sort();

type MigrationRow = {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

const migrationRows = (db: Db) =>
  db.withRunner((runner) => runner.query<MigrationRow>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`));

const tableExists = async (db: Db, table: string) =>
  (await db.withRunner((runner) => runner.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [table])))[0]!
    .present;

const custom = (name: string, sql: string): Migration => ({ name, sql, checksum: createHash("sha256").update(sql).digest("hex") });

const applyCustom = (db: Db, migrations: Migration[]) =>
  db.withRunner((runner) => applyMigrations(runner, { useAdvisoryLock: db.kind === "postgres", migrations }));

describe(`migrations on a fresh ${databaseLabel()}`, () => {
  const opened: FreshDatabase[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((fresh) => fresh.dispose()));
  });
  async function emptyDatabase(): Promise<Db> {
    const fresh = await openEmptyDatabase();
    opened.push(fresh);
    return fresh.db;
  }

  it("finds at least one migration on disk, in name order", () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    expect(readMigrations().map((m) => m.name)).toEqual(migrationNames);
  });

  it("lists every migration as pending on an empty database", async () => {
    const db = await emptyDatabase();
    expect(await db.withRunner((runner) => pendingMigrations(runner))).toEqual(migrationNames);
  });

  it("comes up migrated: every migration applied, none pending, the schema present", async () => {
    const db = await emptyDatabase();
    const result = await db.migrate();
    expect(result).toEqual({ applied: migrationNames, alreadyApplied: 0 });
    expect(await db.withRunner((runner) => pendingMigrations(runner))).toEqual([]);
    for (const table of ["workspaces", "api_keys", "audit_events", "audit_chain_heads", "idempotency_records"]) {
      expect(await tableExists(db, table), table).toBe(true);
    }
    expect(await db.prisma.workspace.count()).toBe(0);
  });

  it("treats applying the migrations a second time as a no-op", async () => {
    const db = await emptyDatabase();
    await db.migrate();
    const rowsBefore = await migrationRows(db);
    expect(await db.migrate()).toEqual({ applied: [], alreadyApplied: migrationNames.length });
    expect(await migrationRows(db)).toEqual(rowsBefore);
  });

  it("records each migration once in _prisma_migrations with the SHA-256 of its file as checksum", async () => {
    const db = await emptyDatabase();
    await db.migrate();
    const rows = await migrationRows(db);
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const file = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("rolls a failing migration back completely and keeps the ones before it", async () => {
    const db = await emptyDatabase();
    const good = custom("0001_good", "CREATE TABLE t_good (id int PRIMARY KEY);");
    const bad = custom(
      "0002_bad",
      "CREATE TABLE t_partial (id int); INSERT INTO t_partial VALUES (1); ALTER TABLE t_good ADD COLUMN extra int; SELECT 1/0;",
    );
    const later = custom("0003_later", "CREATE TABLE t_later (id int);");

    await expect(applyCustom(db, [good, bad, later])).rejects.toThrow(/division by zero/);

    expect(await tableExists(db, "t_good")).toBe(true);
    expect(await tableExists(db, "t_partial")).toBe(false);
    expect(await tableExists(db, "t_later")).toBe(false);
    const columns = await db.withRunner((runner) =>
      runner.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 't_good' ORDER BY ordinal_position`),
    );
    expect(columns.map((c) => c.column_name)).toEqual(["id"]);
    expect((await migrationRows(db)).map((r) => r.migration_name)).toEqual(["0001_good"]);
    expect(await db.withRunner((runner) => pendingMigrations(runner, [good, bad, later]))).toEqual(["0002_bad", "0003_later"]);

    const fixed = custom("0002_bad", "CREATE TABLE t_partial (id int);");
    expect(await applyCustom(db, [good, fixed, later])).toEqual({ applied: ["0002_bad", "0003_later"], alreadyApplied: 1 });
  });

  it("refuses to run when an applied migration was modified afterwards", async () => {
    const db = await emptyDatabase();
    await applyCustom(db, [custom("0001_first", "CREATE TABLE t_first (id int);")]);
    const edited = custom("0001_first", "CREATE TABLE t_first (id int, extra text);");
    const next = custom("0002_next", "CREATE TABLE t_next (id int);");
    await expect(applyCustom(db, [edited, next])).rejects.toThrow(/0001_first.*checksum mismatch/);
    expect(await tableExists(db, "t_next")).toBe(false);
  });
});
