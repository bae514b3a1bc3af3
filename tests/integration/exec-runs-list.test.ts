// The read side of the code-execution gate at the domain level, on a fresh database of this
// project's kind: code runs are inserted as rows (what POST /api/v1/exec/evaluate writes), then
// listed with every filter, paged newest first, and read one by one with their code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/audit/append-events";
import { getCodeRun } from "@/lib/exec/get-code-run";
import { listCodeRuns } from "@/lib/exec/list-code-runs";
import { ListCodeRunsQuery, type ListCodeRunsInput } from "@/lib/exec/run-schemas";
import type { Operation } from "@/lib/exec/types";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const SYSTEM: Actor = { type: "system", id: "test" };
const IMPORT_OS: Operation = { kind: "import", target: "os", call: "import", line: 1, column: 0, end_line: 1, end_column: 9, detail: "imports os" };
const RUN: Operation = { kind: "process", target: null, call: "os.system", line: 2, column: 0, end_line: 2, end_column: 16, detail: "os.system starts a process" };

let fresh: FreshDatabase;
beforeAll(async () => {
  fresh = await useFreshDatabaseForProcess();
});
afterAll(async () => {
  await fresh?.dispose();
});

type RunSpec = { id: string; agent?: string; suggester?: string | null; decision?: string; language?: string; minute: number; result?: string | null };

async function seedRuns(workspaceId: string, code: string, runs: RunSpec[]) {
  const sha256 = createHash("sha256").update(code).digest("hex");
  await fresh.db.prisma.codeBlob.create({ data: { workspaceId, sha256, language: "python", code, sizeBytes: Buffer.byteLength(code) } });
  for (const run of runs) {
    await fresh.db.prisma.codeRun.create({
      data: {
        id: run.id, workspaceId, sessionId: "ses_test", agentId: run.agent ?? "runner", suggestedBy: run.suggester ?? null,
        language: run.language ?? "python", codeSha256: sha256, parsed: true, operations: [IMPORT_OS, RUN],
        decision: run.decision ?? "ALLOW", reasons: [{ code: "R", message: "because", rule_id: "r1" }], runtime: { time_limit_s: 5 },
        policyVersions: [{ policy_id: "pol_1", version: 2 }], createdAt: new Date(Date.UTC(2026, 0, 1, 12, run.minute)),
        ...(run.result ? { resultStatus: run.result, exitCode: run.result === "ok" ? 0 : null, durationMs: 1200, killedBy: run.result === "killed" ? "time" : null, resultAt: new Date(Date.UTC(2026, 0, 1, 13)) } : {}),
      },
    });
  }
  return sha256;
}

const list = (workspaceId: string, input: ListCodeRunsInput) => listCodeRuns(workspaceId, ListCodeRunsQuery.parse(input));
const ids = async (workspaceId: string, input: ListCodeRunsInput = {}) => (await list(workspaceId, input)).executions.map((e) => e.receipt_id);

describe(`code runs, read side (${databaseLabel()})`, () => {
  let workspaceId: string;
  let sha256: string;
  beforeAll(async () => {
    workspaceId = (await createWorkspace({ slug: randomSlug() }, SYSTEM)).id;
    sha256 = await seedRuns(workspaceId, "import os\nos.system('ls -la')\n", [
      { id: "aud_A1", minute: 1, agent: "runner", suggester: "planner", result: "ok" },
      { id: "aud_A2", minute: 2, agent: "runner", decision: "ESCALATE", language: "bash" },
      { id: "aud_A3", minute: 3, agent: "other", suggester: "planner", decision: "BLOCK" },
      { id: "aud_A4", minute: 4, agent: "runner", decision: "CONSTRAIN", result: "killed" },
    ]);
  });

  it("lists a workspace's runs newest first with their operations counted per kind and their result", async () => {
    const page = await list(workspaceId, {});
    expect(page.executions.map((e) => e.receipt_id)).toEqual(["aud_A4", "aud_A3", "aud_A2", "aud_A1"]);
    expect(page.executions[3]).toMatchObject({
      agent_id: "runner", suggested_by: "planner", code_sha256: sha256, decision: "ALLOW", operation_counts: { import: 1, process: 1 },
      result: { status: "ok", exit_code: 0, duration_ms: 1200, killed_by: null, reported_at: "2026-01-01T13:00:00.000Z" },
    });
    expect(page.executions[2]!.result).toBeNull();
    expect(page.next_cursor).toBeNull();
  });

  it("filters by executor, suggester, decision, language, result and dates", async () => {
    expect(await ids(workspaceId, { agent_id: "other" })).toEqual(["aud_A3"]);
    expect(await ids(workspaceId, { suggested_by: "planner" })).toEqual(["aud_A3", "aud_A1"]);
    expect(await ids(workspaceId, { decision: "ESCALATE" })).toEqual(["aud_A2"]);
    expect(await ids(workspaceId, { language: "bash" })).toEqual(["aud_A2"]);
    expect(await ids(workspaceId, { result: "pending" })).toEqual(["aud_A3", "aud_A2"]);
    expect(await ids(workspaceId, { result: "reported" })).toEqual(["aud_A4", "aud_A1"]);
    expect(await ids(workspaceId, { result: "killed" })).toEqual(["aud_A4"]);
    expect(await ids(workspaceId, { from: "2026-01-01T12:02:00Z", to: "2026-01-01T12:03:00Z" })).toEqual(["aud_A3", "aud_A2"]);
  });

  it("pages with a cursor that continues below the previous page's last run", async () => {
    const first = await list(workspaceId, { limit: "3" });
    expect(first.executions.map((e) => e.receipt_id)).toEqual(["aud_A4", "aud_A3", "aud_A2"]);
    const second = await list(workspaceId, { limit: "3", cursor: first.next_cursor! });
    expect(second.executions.map((e) => e.receipt_id)).toEqual(["aud_A1"]);
    expect(second.next_cursor).toBeNull();
  });

  it("reads one run with its code, operations, reasons, runtime and policy versions", async () => {
    expect(await getCodeRun(workspaceId, "aud_A4")).toMatchObject({
      receipt_id: "aud_A4", code: "import os\nos.system('ls -la')\n", size_bytes: 30, operations: [IMPORT_OS, RUN],
      reasons: [{ code: "R", rule_id: "r1" }], runtime: { time_limit_s: 5 }, policy_versions: [{ policy_id: "pol_1", version: 2 }],
      approval: null, result: { status: "killed", killed_by: "time" },
    });
  });

  it("never shows another workspace's runs, whatever the cursor", async () => {
    const other = (await createWorkspace({ slug: randomSlug() }, SYSTEM)).id;
    expect(await ids(other)).toEqual([]);
    const cursor = (await list(workspaceId, { limit: "1" })).next_cursor!;
    expect(await ids(other, { cursor })).toEqual([]);
    await expect(getCodeRun(other, "aud_A1")).rejects.toThrow("Execution 'aud_A1' not found");
  });
});
