// PostgreSQL only (this directory runs in the integration-postgres project): the test server's
// own database is altered behind its back, as someone with database access would, and
// GET /api/v1/audit/verify must notice. (On PGlite the server owns its data directory, so the
// same tampering is tested at the domain level in database-functions.test.ts.)
import pg from "pg";
import { describe, expect, it } from "vitest";
import { api, seedWorkspace } from "../../helpers/api";
import { allAuditEntries, createSession, logAction, verify } from "../../helpers/governance";
import { postgresUrl } from "../../helpers/databases";

async function onServerDatabase(sql: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function workspaceWithTrail() {
  const { key } = await seedWorkspace();
  const workspaceId = (await api("GET", "/api/v1/whoami", { key })).body.workspace_id as string;
  const { session_id } = await createSession(key, { agent_id: "agent" });
  for (let i = 0; i < 4; i++) await logAction(key, { session_id, action: `step ${i}`, cost_usd: 0.5 });
  const entries = (await allAuditEntries(key)).reverse();
  expect(await verify(key)).toMatchObject({ verified: true, entries_checked: entries.length });
  return { key, workspaceId, entries };
}

describe("GET /api/v1/audit/verify on a tampered server database", () => {
  it("names the entry whose cost was changed in the database", async () => {
    const { key, workspaceId, entries } = await workspaceWithTrail();
    const target = entries.at(-2)!;
    await onServerDatabase(`UPDATE audit_events SET cost_micros = 0 WHERE workspace_id = $1 AND id = $2`, [workspaceId, target.entry_id]);
    expect(await verify(key)).toEqual({
      verified: false,
      entries_checked: entries.length,
      tampered_entry: { seq: target.seq, entry_id: target.entry_id },
      error: expect.any(String),
    });
  });

  it("names the entry after one deleted from the database", async () => {
    const { key, workspaceId, entries } = await workspaceWithTrail();
    const [deleted, next] = [entries.at(-3)!, entries.at(-2)!];
    await onServerDatabase(`DELETE FROM audit_events WHERE workspace_id = $1 AND id = $2`, [workspaceId, deleted.entry_id]);
    expect(await verify(key)).toMatchObject({ verified: false, broken_at: { seq: next.seq, entry_id: next.entry_id } });
  });

  it("notices the newest entry deleted from the database", async () => {
    const { key, workspaceId, entries } = await workspaceWithTrail();
    await onServerDatabase(`DELETE FROM audit_events WHERE workspace_id = $1 AND id = $2`, [workspaceId, entries.at(-1)!.entry_id]);
    expect(await verify(key)).toMatchObject({ verified: false, entries_checked: entries.length - 1 });
  });
});
