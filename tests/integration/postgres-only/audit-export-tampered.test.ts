// PostgreSQL only (the test reaches the running server's database behind its back, as someone
// with database access would; a running PGlite server owns its data directory): after a row is
// altered in the database, a fresh export still downloads and matches its manifest, but the
// offline verifier names the altered entry.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { api, seedWorkspace } from "../../helpers/api";
import { allAuditEntries, createSession, logAction } from "../../helpers/governance";
import { postgresUrl } from "../../helpers/databases";
import { exportWithManifest, member, serverPublicKey, verifyOffline } from "../audit-export-support";

async function onServerDatabase(sql: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

describe("an export of a tampered audit trail", () => {
  it.each(["csv", "jsonl"])("fails the offline verifier on %s, naming the altered entry", async (format) => {
    const { slug, key } = await seedWorkspace();
    const workspaceId = (await api("GET", "/api/v1/whoami", { key })).body.workspace_id as string;
    const { session_id } = await createSession(key, { agent_id: "agent" });
    for (let i = 0; i < 4; i++) await logAction(key, { session_id, action: `step ${i}`, cost_usd: 0.5 });
    const target = (await allAuditEntries(key)).find((e) => e.action === "step 2")!;
    const auditor = await member(slug, "AUDITOR");

    const before = await exportWithManifest(auditor, slug, { format });
    expect((await verifyOffline(before.filePath, before.manifestFile, ["--public-key", serverPublicKey()])).code).toBe(0);

    await onServerDatabase(`UPDATE audit_events SET cost_micros = 1 WHERE workspace_id = $1 AND id = $2`, [workspaceId, target.entry_id]);
    const after = await exportWithManifest(auditor, slug, { format });
    const result = await verifyOffline(after.filePath, after.manifestFile, ["--public-key", serverPublicKey()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `warden: verify-export failed: Entry ${target.entry_id} (seq ${target.seq}) was modified: its entry_hash does not match its fields\n`,
    );
  });
});
