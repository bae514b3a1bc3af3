// Where the gate keeps code, checked in the database (a fresh one of this project's kind, so the
// rows can be counted): the code once per workspace under its hash, one run per evaluation
// keyed by its receipt, even under 50 concurrent evaluations of the same code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/append-events";
import { verifyChain } from "@/lib/audit/verify-chain";
import { evaluateCode } from "@/lib/exec/evaluate-code";
import { createSession } from "@/lib/sessions/create-session";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";
import { sha256 } from "../helpers/exec-gate";

const ADMIN: Actor = { type: "user", id: "usr_01JD0000000000000000000000" };
const KEY: Actor = { type: "api_key", id: "key_01JD0000000000000000000000" };

let fresh: FreshDatabase;

beforeAll(async () => {
  fresh = await useFreshDatabaseForProcess();
});

afterAll(async () => {
  await fresh?.dispose();
});

async function executor() {
  const workspace = await createWorkspace({ slug: randomSlug() }, ADMIN);
  const session = await createSession(workspace.id, { agent_id: "executor", scopes: [], ttl: 0 }, KEY);
  const evaluate = (code: string) => evaluateCode(workspace.id, { session_id: session.session_id, language: "python", code }, KEY);
  const count = async (table: "code_blobs" | "code_runs") =>
    Number((await fresh.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1`, [workspace.id]))[0]!.n);
  return { workspaceId: workspace.id, evaluate, count };
}

describe("code storage", () => {
  it("stores the same code once for two evaluations, with a run for each, keyed by its receipt", async () => {
    const w = await executor();
    const code = "print('hello')\n";
    const first = await w.evaluate(code);
    const second = await w.evaluate(code);
    expect([await w.count("code_blobs"), await w.count("code_runs")]).toEqual([1, 2]);
    const [blob] = await fresh.db.sql<{ sha256: string; code: string; size_bytes: number }>(`SELECT sha256, code, size_bytes FROM code_blobs WHERE workspace_id = $1`, [w.workspaceId]);
    expect(blob).toEqual({ sha256: sha256(code), code, size_bytes: Buffer.byteLength(code) });
    const runs = await fresh.db.sql<{ id: string }>(`SELECT id FROM code_runs WHERE workspace_id = $1 ORDER BY created_at`, [w.workspaceId]);
    expect(runs.map((r) => r.id).sort()).toEqual([first.receipt_id, second.receipt_id].sort());
  });

  it("keeps one code row and 50 runs under 50 concurrent evaluations of the same code, and the chain verifies", async () => {
    const w = await executor();
    const results = await Promise.all(Array.from({ length: 50 }, () => w.evaluate("import json\nprint(json.dumps({}))\n")));
    expect(new Set(results.map((r) => r.receipt_id)).size).toBe(50);
    expect([await w.count("code_blobs"), await w.count("code_runs")]).toEqual([1, 50]);
    expect(await verifyChain(w.workspaceId)).toMatchObject({ verified: true });
  });
});
