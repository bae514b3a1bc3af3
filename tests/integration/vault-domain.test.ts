// The vault's envelope encryption at the domain level, on a fresh database of this project's
// kind, where a test can alter stored bytes as someone with database access could: flipped
// bytes in ciphertext, nonce or tag, a ciphertext copied to another row, and master-key rotation
// (every workspace stays readable, the old key stops working, ciphertexts are not touched).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/append-events";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createSession } from "@/lib/sessions/create-session";
import { unwrapWith } from "@/lib/vault/data-key";
import { fingerprint } from "@/lib/vault/envelope";
import { listSecrets, restoreSecretVersion } from "@/lib/vault/manage-secrets";
import { masterKey } from "@/lib/vault/master-key";
import { readSecret } from "@/lib/vault/read-secret";
import { rotateMasterKey } from "@/lib/vault/rotate-master-key";
import { storeSecret } from "@/lib/vault/store-secret";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const ADMIN: Actor = { type: "user", id: "usr_01JD0000000000000000000000" };
const KEY: Actor = { type: "api_key", id: "key_01JD0000000000000000000000" };

let fresh: FreshDatabase;
let db: Db;

beforeAll(async () => {
  process.env.WARDEN_MASTER_KEY = randomBytes(32).toString("base64");
  fresh = await useFreshDatabaseForProcess();
  db = fresh.db;
});

afterAll(async () => {
  await fresh?.dispose();
});

async function workspaceWithSecret(name: string, value: string, scope = "read") {
  const workspace = await createWorkspace({ slug: randomSlug() }, ADMIN);
  await storeSecret(workspace.id, { name, value, scope_required: scope }, ADMIN);
  const session = await createSession(workspace.id, { agent_id: "agent", scopes: [scope], ttl: 0 }, KEY);
  const read = async () => (await readSecret(workspace.id, name, session.session_id, KEY)).body;
  return { workspaceId: workspace.id, sessionId: session.session_id, read };
}

const versionRow = async (workspaceId: string, name: string) =>
  (
    await db.sql<{ secret_id: string; version: number; nonce: Buffer; ciphertext: Buffer; tag: Buffer }>(
      `SELECT v.secret_id, v.version, v.nonce, v.ciphertext, v.tag FROM secret_versions v JOIN secrets s ON s.id = v.secret_id
       WHERE s.workspace_id = $1 AND s.name = $2 AND v.version = s.current_version`,
      [workspaceId, name],
    )
  )[0]!;

async function expectUnreadable(read: () => Promise<unknown>) {
  const error = await read().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("secret_unreadable");
  expect((error as AppError).status).toBe(500);
  expect((error as AppError).message).toMatch(/cannot be decrypted: its stored ciphertext, nonce or tag fails authentication$/);
}

describe(`vault envelope encryption on ${databaseLabel()}`, () => {
  it("stores ciphertext only: the value is not in the row, and a fresh nonce is used for every version", async () => {
    const { workspaceId, read } = await workspaceWithSecret("api", "value-one");
    const first = await versionRow(workspaceId, "api");
    expect(Buffer.from(first.ciphertext).toString("utf8")).not.toContain("value-one");
    expect(first.nonce.length).toBe(12);
    expect(first.tag.length).toBe(16);
    await storeSecret(workspaceId, { name: "api", value: "value-one" }, ADMIN);
    const second = await versionRow(workspaceId, "api");
    expect(second.version).toBe(2);
    expect(Buffer.from(second.nonce).equals(Buffer.from(first.nonce))).toBe(false);
    expect(await read()).toEqual({ name: "api", value: "value-one" });
  });

  it.each(["ciphertext", "nonce", "tag"] as const)("answers a flipped byte in the %s with a clean error and audits it", async (column) => {
    const { workspaceId, read } = await workspaceWithSecret(`flip-${column}`, "intact value");
    const row = await versionRow(workspaceId, `flip-${column}`);
    const bytes = Buffer.from(row[column]);
    bytes[bytes.length - 1]! ^= 0x01;
    await db.sql(`UPDATE secret_versions SET ${column} = $3 WHERE secret_id = $1 AND version = $2`, [row.secret_id, row.version, bytes]);
    await expectUnreadable(read);
    const [event] = await db.sql<{ action: string; flagged: boolean; details: Record<string, unknown> }>(
      `SELECT action, flagged, details FROM audit_events WHERE workspace_id = $1 ORDER BY seq DESC LIMIT 1`,
      [workspaceId],
    );
    expect(event).toMatchObject({ action: "secret.read_failed", flagged: true, details: { name: `flip-${column}`, version: 1 } });
  });

  it("refuses a ciphertext copied from another secret, another version or another workspace (the additional data binds them)", async () => {
    const a = await workspaceWithSecret("alpha", "alpha value");
    await storeSecret(a.workspaceId, { name: "beta", value: "beta value" }, ADMIN);
    const alpha = await versionRow(a.workspaceId, "alpha");
    const beta = await versionRow(a.workspaceId, "beta");
    await db.sql(`UPDATE secret_versions SET nonce = $3, ciphertext = $4, tag = $5 WHERE secret_id = $1 AND version = $2`, [
      beta.secret_id, beta.version, alpha.nonce, alpha.ciphertext, alpha.tag,
    ]);
    const readBeta = () => readSecret(a.workspaceId, "beta", a.sessionId, KEY);
    await expectUnreadable(readBeta);

    const other = await workspaceWithSecret("alpha", "other workspace's alpha");
    const theirs = await versionRow(other.workspaceId, "alpha");
    await db.sql(`UPDATE secret_versions SET nonce = $3, ciphertext = $4, tag = $5 WHERE secret_id = $1 AND version = $2`, [
      alpha.secret_id, alpha.version, theirs.nonce, theirs.ciphertext, theirs.tag,
    ]);
    await expectUnreadable(a.read);
  });

  it("rolls back by restoring an older version's value as the newest version", async () => {
    const { workspaceId, read } = await workspaceWithSecret("rotating", "v1");
    await storeSecret(workspaceId, { name: "rotating", value: "v2" }, ADMIN);
    expect(await restoreSecretVersion(workspaceId, "rotating", 1, ADMIN)).toEqual({ stored: true, name: "rotating", version: 3 });
    expect(await read()).toEqual({ name: "rotating", value: "v1" });
    const [summary] = await listSecrets(workspaceId);
    expect(summary).toMatchObject({ name: "rotating", version: 3, versions: [3, 2, 1], access_count: 1 });
  });

  it("counts successful reads and remembers the last one", async () => {
    const { workspaceId, read } = await workspaceWithSecret("counted", "x");
    expect((await listSecrets(workspaceId))[0]).toMatchObject({ access_count: 0, last_accessed_at: null });
    await read();
    await read();
    const [summary] = await listSecrets(workspaceId);
    expect(summary!.access_count).toBe(2);
    expect(Date.parse(summary!.last_accessed_at!)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe(`master-key rotation on ${databaseLabel()}`, () => {
  it("keeps every secret of every workspace readable, leaves ciphertexts alone, and the old key no longer unwraps", async () => {
    const workspaces = await Promise.all(["one", "two", "three"].map((n) => workspaceWithSecret(`secret-${n}`, `value-${n}`)));
    const oldKey = masterKey().key;
    const ciphertextsBefore = await db.sql<{ ciphertext: Buffer }>(`SELECT ciphertext FROM secret_versions ORDER BY secret_id, version`);
    const wrappedBefore = await db.sql<{ workspace_id: string; wrapped_key: Buffer }>(`SELECT workspace_id, wrapped_key FROM vault_keys`);

    const newKey = randomBytes(32);
    const rotated = await rotateMasterKey(newKey, { type: "system", id: "cli" });
    expect(rotated).toMatchObject({ from: fingerprint(oldKey), to: fingerprint(newKey) });
    expect(rotated.workspaces).toBe(wrappedBefore.length);
    expect(masterKey().fingerprint).toBe(fingerprint(newKey));

    for (const [i, w] of workspaces.entries()) {
      expect(await w.read()).toEqual({ name: `secret-${["one", "two", "three"][i]}`, value: `value-${["one", "two", "three"][i]}` });
    }
    expect(await db.sql(`SELECT ciphertext FROM secret_versions ORDER BY secret_id, version`)).toEqual(ciphertextsBefore);
    const wrappedAfter = await db.sql<{ workspace_id: string; wrapped_key: Buffer; master_fingerprint: string }>(
      `SELECT workspace_id, wrapped_key, master_fingerprint FROM vault_keys`,
    );
    for (const row of wrappedAfter) {
      expect(row.master_fingerprint).toBe(fingerprint(newKey));
      expect(() => unwrapWith(oldKey, fingerprint(newKey), Buffer.from(row.wrapped_key), row.master_fingerprint, row.workspace_id)).toThrow(
        expect.objectContaining({ code: "vault_key_mismatch" }),
      );
      expect(unwrapWith(newKey, fingerprint(newKey), Buffer.from(row.wrapped_key), row.master_fingerprint, row.workspace_id)).toHaveLength(32);
    }
    const [audited] = await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'vault.master_key_rotated'`);
    expect(audited!.n).toBe(wrappedAfter.length);
  });

  it("tells a server holding the old key to use the rotated one (503, no garbage)", async () => {
    const w = await workspaceWithSecret("after-rotation", "fine");
    const current = masterKey().key;
    await rotateMasterKey(randomBytes(32), { type: "system", id: "cli" });
    // This process now holds the new key; put the old one back to play a server not yet restarted.
    const { replaceMasterKey } = await import("@/lib/vault/master-key");
    replaceMasterKey(current);
    const error = await w.read().then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: "vault_key_mismatch", status: 503 });
    expect((error as Error).message).toMatch(/set WARDEN_MASTER_KEY to the current \(rotated\) key and restart/);
  });
});
