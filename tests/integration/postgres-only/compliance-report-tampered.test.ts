// PostgreSQL only: the test server's database is altered behind its back, as someone with
// database access would, and the compliance report must say the chain is broken and where.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { api } from "../../helpers/api";
import { reportLines, signedInMember, today, workspaceWithActivity } from "../../helpers/compliance-report";
import { postgresUrl } from "../../helpers/databases";
import { allAuditEntries } from "../../helpers/governance";

async function onServerDatabase(sql: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function tamperedSetup() {
  const w = await workspaceWithActivity();
  const workspaceId = (await api("GET", "/api/v1/whoami", { key: w.key })).body.workspace_id as string;
  const entries = (await allAuditEntries(w.key)).reverse();
  const auditor = await signedInMember(w.slug, "AUDITOR");
  return { w, workspaceId, entries, auditor };
}

describe("the compliance report on a tampered audit chain", () => {
  it("says the chain is broken at the entry whose amount was changed in the database", async () => {
    const { w, workspaceId, entries, auditor } = await tamperedSetup();
    const payment = entries.find((e) => e.action === "payment.authorized")!;
    await onServerDatabase(`UPDATE audit_events SET cost_micros = 1 WHERE workspace_id = $1 AND id = $2`, [workspaceId, payment.entry_id]);
    const { lines } = await reportLines(w.slug, auditor.cookie, { from: w.from, to: today() });
    expect(lines).toContain(`Audit chain: BROKEN at seq ${payment.seq}`);
    expect(lines).toContain(`Status: BROKEN at seq ${payment.seq}`);
    expect(lines.join("\n")).toContain(`(seq ${payment.seq}) was modified`);
  });

  it("says the chain is broken after an entry deleted from the database", async () => {
    const { w, workspaceId, entries, auditor } = await tamperedSetup();
    const [deleted, next] = [entries[3]!, entries[4]!];
    await onServerDatabase(`DELETE FROM audit_events WHERE workspace_id = $1 AND id = $2`, [workspaceId, deleted.entry_id]);
    const { lines } = await reportLines(w.slug, auditor.cookie, { from: w.from, to: today() });
    expect(lines).toContain(`Audit chain: BROKEN at seq ${next.seq}`);
  });
});
