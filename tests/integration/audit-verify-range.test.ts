// Chunked verification of the audit chain ("Verify now" in the explorer) at the domain level, on
// a fresh database of this project's kind: rows are tampered with directly in SQL, as nothing
// over HTTP can, and each problem must be reported in the chunk that holds it, with its seq and
// kind, exactly where verifying the whole chain at once finds it.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { verifyChain } from "@/lib/audit/verify-chain";
import { finishVerification } from "@/lib/audit/verify-finish";
import { verifyRange } from "@/lib/audit/verify-range";
import { verifyNextChunk } from "@/lib/audit/verify-step";
import { verifyTail } from "@/lib/audit/verify-tail";
import type { Db } from "@/lib/db/client";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const SYSTEM: Actor = { type: "system", id: "test" };
const USER: Actor = { type: "user", id: "usr_01JD0000000000000000000000" };
const ENTRIES = 23; // workspace.created + 22 actions
const CHUNK = 5; // chunks [1,5] [6,10] [11,15] [16,20] [21,25]

let fresh: FreshDatabase;
let db: Db;

beforeAll(async () => {
  vi.stubEnv("NEXTAUTH_SECRET", randomBytes(32).toString("hex"));
  fresh = await useFreshDatabaseForProcess();
  db = fresh.db;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await fresh?.dispose();
});

const sql = (query: string, ...params: unknown[]) => db.prisma.$executeRawUnsafe(query, ...params);

async function writtenChain() {
  const workspace = await createWorkspace({ slug: randomSlug() }, SYSTEM);
  await db.prisma.$transaction(async (tx) => {
    for (let i = 2; i <= ENTRIES; i++) {
      await appendAuditEvent(tx, workspace.id, { actor: SYSTEM, action: `step ${i}`, tool: "tool", agentId: "agent", costMicros: 500n, details: { i } });
    }
  });
  const rows = await db.prisma.auditEvent.findMany({ where: { workspaceId: workspace.id }, orderBy: { seq: "asc" } });
  expect(rows).toHaveLength(ENTRIES);
  return { workspaceId: workspace.id, bySeq: (seq: number) => rows[seq - 1]! };
}

/** Verifies chunk by chunk up to the chain head, stopping at the first problem, as the explorer does. */
async function inChunks(workspaceId: string, size = CHUNK) {
  const { head_seq } = await verifyTail(workspaceId);
  const chunks: Awaited<ReturnType<typeof verifyRange>>[] = [];
  for (let from = 1; from <= head_seq; from += size) {
    const chunk = await verifyRange(workspaceId, { from, to: from + size - 1 });
    chunks.push(chunk);
    if (chunk.problem) break;
  }
  return { chunks, checked: chunks.reduce((n, c) => n + c.entries_checked, 0), failing: chunks.find((c) => c.problem) ?? null };
}

describe(`chunked audit chain verification on ${databaseLabel()}`, () => {
  it("verifies an untouched chain across chunk boundaries, counting every entry once", async () => {
    const chain = await writtenChain();
    const run = await inChunks(chain.workspaceId);
    expect(run.chunks.map((c) => [c.from, c.to, c.entries_checked])).toEqual([[1, 5, 5], [6, 10, 5], [11, 15, 5], [16, 20, 5], [21, 25, 3]]);
    expect(run.failing).toBeNull();
    expect(run.checked).toBe(ENTRIES);
    expect(await verifyTail(chain.workspaceId)).toEqual({ head_seq: ENTRIES, problem: null });
    expect(await verifyChain(chain.workspaceId)).toMatchObject({ verified: true, entries_checked: ENTRIES });
  });

  it("reports a modified row in the chunk that holds it, naming its seq and id", async () => {
    const chain = await writtenChain();
    await sql(`UPDATE audit_events SET details = '{"i": 999}'::jsonb WHERE id = $1`, chain.bySeq(12).id);
    const run = await inChunks(chain.workspaceId);
    expect(run.chunks).toHaveLength(3);
    expect(run.failing).toMatchObject({ from: 11, to: 15, entries_checked: 5 });
    expect(run.failing!.problem).toEqual({ kind: "modified", seq: 12, entry_id: chain.bySeq(12).id, message: expect.stringContaining("seq 12") });
    expect(await verifyChain(chain.workspaceId)).toMatchObject({ tampered_entry: { seq: 12, entry_id: chain.bySeq(12).id } });
  });

  it("reports a row deleted at the end of a chunk as a gap at the first entry of the next chunk", async () => {
    const chain = await writtenChain();
    await sql(`DELETE FROM audit_events WHERE id = $1`, chain.bySeq(10).id);
    const run = await inChunks(chain.workspaceId);
    expect(run.chunks[1]).toMatchObject({ from: 6, to: 10, entries_checked: 4, problem: null });
    expect(run.failing).toMatchObject({ from: 11, to: 15 });
    expect(run.failing!.problem).toEqual({ kind: "gap", seq: 11, entry_id: chain.bySeq(11).id, message: expect.stringContaining("seq 11") });
    expect(await verifyChain(chain.workspaceId)).toMatchObject({ broken_at: { seq: 11, entry_id: chain.bySeq(11).id } });
  });

  it("reports a deleted first entry as a gap at seq 2", async () => {
    const chain = await writtenChain();
    await sql(`DELETE FROM audit_events WHERE id = $1`, chain.bySeq(1).id);
    const run = await inChunks(chain.workspaceId);
    expect(run.failing).toMatchObject({ from: 1, to: 5, entries_checked: 4, problem: { kind: "gap", seq: 2, entry_id: chain.bySeq(2).id } });
  });

  it("reports a rewritten entry whose hash was recomputed as a broken link at the entry after it, across a chunk boundary", async () => {
    const chain = await writtenChain();
    await sql(`UPDATE audit_events SET cost_micros = 0 WHERE id = $1`, chain.bySeq(15).id);
    await sql(`UPDATE audit_events e SET entry_hash = warden_entry_hash(e) WHERE id = $1`, chain.bySeq(15).id);
    const run = await inChunks(chain.workspaceId);
    expect(run.chunks[2]).toMatchObject({ from: 11, to: 15, problem: null });
    expect(run.failing).toMatchObject({ from: 16, to: 20 });
    expect(run.failing!.problem).toEqual({ kind: "broken_link", seq: 16, entry_id: chain.bySeq(16).id, message: expect.stringContaining("seq 16") });
    expect(await verifyChain(chain.workspaceId)).toMatchObject({ broken_at: { seq: 16, entry_id: chain.bySeq(16).id } });
  });

  it("reports deleted newest entries through the chain head, which every chunk misses", async () => {
    const chain = await writtenChain();
    await sql(`DELETE FROM audit_events WHERE workspace_id = $1 AND seq > 21`, chain.workspaceId);
    const run = await inChunks(chain.workspaceId);
    expect(run.failing).toBeNull();
    expect(run.checked).toBe(21);
    expect(await verifyTail(chain.workspaceId)).toEqual({
      head_seq: ENTRIES,
      problem: { kind: "missing_tail", seq: ENTRIES, entry_id: null, message: expect.stringContaining(`seq ${ENTRIES}`) },
    });
  });

  it("reports an entry appended behind the chain head's back, and a replaced newest entry", async () => {
    const appended = await writtenChain();
    await sql(
      `INSERT INTO audit_events (id, workspace_id, seq, created_at, actor_type, actor_id, tool, action, details, prev_hash, entry_hash)
       VALUES ('aud_01JDAPPENDED' || substr(md5(random()::text), 1, 14), $1, $2, now(), 'system', 'intruder', '', 'appended', '{}', $3, '')`,
      appended.workspaceId,
      ENTRIES + 1,
      appended.bySeq(ENTRIES).entryHash,
    );
    await sql(`UPDATE audit_events e SET entry_hash = warden_entry_hash(e) WHERE workspace_id = $1 AND seq = $2`, appended.workspaceId, ENTRIES + 1);
    expect((await verifyTail(appended.workspaceId)).problem).toMatchObject({ kind: "beyond_head", seq: ENTRIES + 1 });

    const replaced = await writtenChain();
    await sql(`UPDATE audit_events SET action = 'rewritten' WHERE id = $1`, replaced.bySeq(ENTRIES).id);
    await sql(`UPDATE audit_events e SET entry_hash = warden_entry_hash(e) WHERE id = $1`, replaced.bySeq(ENTRIES).id);
    expect((await inChunks(replaced.workspaceId)).failing).toBeNull();
    expect((await verifyTail(replaced.workspaceId)).problem).toMatchObject({ kind: "head_mismatch", seq: ENTRIES, entry_id: replaced.bySeq(ENTRIES).id });
  });

  it("verifies only its own workspace's entries when another workspace's chain was tampered with", async () => {
    const mine = await writtenChain();
    const theirs = await writtenChain();
    await sql(`DELETE FROM audit_events WHERE id = $1`, theirs.bySeq(7).id);
    await sql(`UPDATE audit_events SET action = 'x' WHERE id = $1`, theirs.bySeq(3).id);
    const run = await inChunks(mine.workspaceId);
    expect(run.failing).toBeNull();
    expect(run.checked).toBe(ENTRIES);
    expect((await verifyRange(mine.workspaceId, { from: 1, to: 1000 })).entries_checked).toBe(ENTRIES);
    expect((await inChunks(theirs.workspaceId)).failing!.problem).toMatchObject({ kind: "modified", seq: 3 });
    expect(await verifyRange("wsp_01JDNOWHERE000000000000000", { from: 1, to: 1000 })).toMatchObject({ entries_checked: 0, problem: null });
  });
});

describe(`"Verify now" steps and the audit.verified event on ${databaseLabel()}`, () => {
  async function stepThrough(workspaceId: string, size = CHUNK) {
    let step = await verifyNextChunk(workspaceId, { previous: null, size });
    while (!step.progress.problem && step.progress.through < step.head_seq) {
      step = await verifyNextChunk(workspaceId, { previous: step.progress, size });
    }
    return step.progress;
  }

  const lastEvent = (workspaceId: string) => db.prisma.auditEvent.findFirstOrThrow({ where: { workspaceId }, orderBy: { seq: "desc" } });

  it("records a clean verification of every entry as an audit.verified event by the user", async () => {
    const chain = await writtenChain();
    const progress = await stepThrough(chain.workspaceId);
    expect(progress).toMatchObject({ through: ENTRIES, entries_checked: ENTRIES, problem: null });
    const result = await finishVerification(chain.workspaceId, USER, progress);
    expect(result).toEqual({ verified: true, entries_checked: ENTRIES, through: ENTRIES, problem: null, event_seq: ENTRIES + 1 });
    const event = await lastEvent(chain.workspaceId);
    expect(event).toMatchObject({ seq: BigInt(ENTRIES + 1), action: "audit.verified", actorType: "user", actorId: USER.id });
    expect(event.details).toEqual({ verified: true, entries_checked: ENTRIES, through: ENTRIES });
    expect(await verifyChain(chain.workspaceId)).toMatchObject({ verified: true, entries_checked: ENTRIES + 1 });
  });

  it("records the first problem, and verifies entries appended after the last chunk before finishing", async () => {
    const chain = await writtenChain();
    const progress = await stepThrough(chain.workspaceId);
    await db.prisma.$transaction((tx) => appendAuditEvent(tx, chain.workspaceId, { actor: SYSTEM, action: "late" }));
    await sql(`UPDATE audit_events SET action = 'tampered' WHERE workspace_id = $1 AND seq = $2`, chain.workspaceId, ENTRIES + 1);
    const result = await finishVerification(chain.workspaceId, USER, progress);
    expect(result).toMatchObject({ verified: false, entries_checked: ENTRIES + 1, through: ENTRIES + 1, problem: { kind: "modified", seq: ENTRIES + 1 } });
    const event = await lastEvent(chain.workspaceId);
    expect(event.details).toMatchObject({ verified: false, problem: { kind: "modified", seq: ENTRIES + 1 } });
  });

  it("refuses progress the server did not sign, or signed for another workspace", async () => {
    const chain = await writtenChain();
    const other = await writtenChain();
    const first = await verifyNextChunk(chain.workspaceId, { previous: null, size: CHUNK });
    const forged = { ...first.progress, through: 1000, entries_checked: 1000 };
    await expect(finishVerification(chain.workspaceId, USER, forged)).rejects.toMatchObject({ code: "invalid_request", fields: { field: "previous" } });
    await expect(verifyNextChunk(other.workspaceId, { previous: first.progress, size: CHUNK })).rejects.toMatchObject({ code: "invalid_request" });
    expect((await lastEvent(chain.workspaceId)).action).toBe("step 23");
  });
});
