import { getDb } from "./client";
import { pendingMigrations } from "./migrate";

export type Readiness = { ready: boolean; database: "ok" | "unreachable"; pending_migrations: string[]; error?: string };

export async function checkReadiness(): Promise<Readiness> {
  try {
    const db = await getDb();
    const pending = await db.withRunner((runner) => pendingMigrations(runner));
    return { ready: pending.length === 0, database: "ok", pending_migrations: pending };
  } catch {
    return { ready: false, database: "unreachable", pending_migrations: [], error: "database unreachable" };
  }
}
