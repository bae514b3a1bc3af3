// The audit chain at the domain level, on a fresh database of this project's kind: changes and
// their audit events commit together, and concurrent appenders never fork or gap the chain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/audit/append-events";
import { entryHash, GENESIS_HASH } from "@/lib/audit/chain-hash";
import type { Db } from "@/lib/db/client";
import { createApiKey } from "@/lib/keys/create-api-key";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const SYSTEM = { type: "system", id: "test" } as const;

let fresh: FreshDatabase;
let db: Db;

beforeAll(async () => {
  fresh = await useFreshDatabaseForProcess();
  db = fresh.db;
});

afterAll(async () => {
  await fresh?.dispose();
});

const newWorkspace = () => createWorkspace({ slug: randomSlug() }, SYSTEM);

const events = (workspaceId: string) => db.prisma.auditEvent.findMany({ where: { workspaceId }, orderBy: { seq: "asc" } });

/**
 * Checks seq is 1..n without gaps, each prev_hash is the previous entry_hash, every entry_hash
 * recomputes from the stored row, timestamps never go backwards, and the head matches the end.
 */
async function expectIntactChain(workspaceId: string, expectedLength: number) {
  const rows = await events(workspaceId);
  expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: expectedLength }, (_, i) => i + 1));
  let prev = GENESIS_HASH;
  let previousTime = 0;
  for (const row of rows) {
    expect(row.prevHash, `prev_hash of seq ${row.seq}`).toBe(prev);
    expect(entryHash(row), `entry_hash of seq ${row.seq}`).toBe(row.entryHash);
    expect(row.createdAt.getTime(), `timestamp of seq ${row.seq}`).toBeGreaterThanOrEqual(previousTime);
    prev = row.entryHash;
    previousTime = row.createdAt.getTime();
  }
  const head = await db.prisma.auditChainHead.findUniqueOrThrow({ where: { workspaceId } });
  expect(Number(head.seq)).toBe(expectedLength);
  expect(head.hash).toBe(prev);
  return rows;
}

describe(`the audit chain on ${databaseLabel()}`, () => {
  it("starts a workspace's chain with its creation at seq 1 after the genesis hash", async () => {
    const workspace = await newWorkspace();
    const [first] = await expectIntactChain(workspace.id, 1);
    expect(first).toMatchObject({ action: "workspace.created", actorType: "system", actorId: "test", prevHash: GENESIS_HASH });
    expect(first!.id).toMatch(/^aud_[0-9A-Z]{26}$/);
  });

  it("records a key's creation in the chain, without the secret", async () => {
    const workspace = await newWorkspace();
    const created = await createApiKey(workspace.id, { name: "agent", scopes: ["audit:read"] }, { actor: SYSTEM });
    const rows = await expectIntactChain(workspace.id, 2);
    expect(rows[1]).toMatchObject({
      action: "api_key.created",
      details: { key_id: created.key_id, prefix: created.prefix, name: "agent", scopes: ["audit:read"] },
    });
    expect(JSON.stringify(rows[1]!.details)).not.toContain(created.key);
  });

  it("records a key's revocation once, however often it is revoked", async () => {
    const workspace = await newWorkspace();
    const created = await createApiKey(workspace.id, { name: "agent", scopes: ["audit:read"] }, { actor: SYSTEM });
    const actor = { type: "user", id: "usr_test" } as const;
    await revokeApiKey(workspace.id, created.prefix, actor);
    await revokeApiKey(workspace.id, created.prefix, actor);
    const rows = await expectIntactChain(workspace.id, 3);
    expect(rows[2]).toMatchObject({
      action: "api_key.revoked",
      actorType: "user",
      actorId: "usr_test",
      details: { key_id: created.key_id, prefix: created.prefix },
    });
  });

  it("does not create a key whose audit event cannot be written", async () => {
    const workspace = await newWorkspace();
    await db.prisma.auditChainHead.delete({ where: { workspaceId: workspace.id } });
    await expect(createApiKey(workspace.id, { name: "unaudited", scopes: ["audit:read"] }, { actor: SYSTEM })).rejects.toThrow(
      /no audit chain head/,
    );
    expect(await db.prisma.apiKey.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("does not revoke a key whose revocation cannot be audited", async () => {
    const workspace = await newWorkspace();
    const created = await createApiKey(workspace.id, { name: "kept", scopes: ["audit:read"] }, { actor: SYSTEM });
    await db.prisma.auditChainHead.delete({ where: { workspaceId: workspace.id } });
    await expect(revokeApiKey(workspace.id, created.prefix, SYSTEM)).rejects.toThrow(/no audit chain head/);
    const key = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: created.key_id } });
    expect(key.revokedAt).toBeNull();
  });

  it("does not append an event when the change it records rolls back", async () => {
    const workspace = await newWorkspace();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendAuditEvent(tx, workspace.id, { actor: SYSTEM, action: "doomed" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await expectIntactChain(workspace.id, 1);
  });

  it("keeps seq gapless and every prev_hash linked with 20 concurrent appenders on one workspace", async () => {
    const workspace = await newWorkspace();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.prisma.$transaction((tx) => appendAuditEvent(tx, workspace.id, { actor: SYSTEM, action: "test.concurrent", details: { i } })),
      ),
    );
    const rows = await expectIntactChain(workspace.id, 21);
    expect(new Set(rows.slice(1).map((r) => (r.details as { i: number }).i)).size).toBe(20);
  });

  it("keeps the chain intact with concurrent key creations, revocations and two-event transactions", async () => {
    const workspace = await newWorkspace();
    const keys = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createApiKey(workspace.id, { name: `k${i}`, scopes: ["audit:read"] }, { actor: SYSTEM })),
    );
    await Promise.all([
      ...keys.map((k) => revokeApiKey(workspace.id, k.prefix, SYSTEM)),
      ...Array.from({ length: 5 }, () =>
        db.prisma.$transaction(async (tx) => {
          await appendAuditEvent(tx, workspace.id, { actor: SYSTEM, action: "batch.first" });
          await appendAuditEvent(tx, workspace.id, { actor: SYSTEM, action: "batch.second" });
        }),
      ),
    ]);
    const rows = await expectIntactChain(workspace.id, 1 + 5 + 5 + 10);
    // A transaction holds the chain head until it commits: its two events are contiguous.
    rows.forEach((row, i) => {
      if (row.action === "batch.first") expect(rows[i + 1]!.action).toBe("batch.second");
    });
  });

  it("keeps separate chains for workspaces appended to at the same time", async () => {
    const [a, b] = await Promise.all([newWorkspace(), newWorkspace()]);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.prisma.$transaction((tx) => appendAuditEvent(tx, i % 2 ? a!.id : b!.id, { actor: SYSTEM, action: "test.split" })),
      ),
    );
    await expectIntactChain(a!.id, 6);
    await expectIntactChain(b!.id, 6);
  });
});
