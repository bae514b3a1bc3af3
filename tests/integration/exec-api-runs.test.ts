// GET /api/v1/exec and /api/v1/exec/{receipt_id} over runs the gate really evaluated
// (POST /api/v1/exec/evaluate, POST …/result): filters, paging, one run with its code, and
// another workspace's key answered 404 for the same receipt. Also what the audit export holds
// of them: the receipt and the result, with executor, suggester, decision and code hash readable.
import { beforeAll, describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import { evaluated, gateWorkspace, sha256 } from "../helpers/exec-gate";
import { exportWithManifest, member } from "./audit-export-support";

const BENIGN = "import json\nprint(json.dumps([1]))\n";
const SHELL_OUT = "import subprocess\nsubprocess.run(['ls'])\n";
const BASH = "ls -l /tmp\n";

let gate: Awaited<ReturnType<typeof gateWorkspace>>;
let reader: string;
const receipts: Record<string, string> = {};
beforeAll(async () => {
  gate = await gateWorkspace([{ code: { denied_operations: ["process"], languages: ["python"], runtime: { time_limit_s: 5 } } }]);
  reader = await createKey(gate.slug, ["audit:read"]);
  const runner = await gate.session("runner");
  receipts.benign = (await evaluated(gate, runner, "python", BENIGN, { suggested_by: "planner" })).receipt_id;
  receipts.blocked = (await evaluated(gate, runner, "python", SHELL_OUT, { suggested_by: "planner" })).receipt_id;
  receipts.bash = (await evaluated(gate, await gate.session("other"), "bash", BASH)).receipt_id;
  expect((await gate.report(receipts.benign, { status: "ok", exit_code: 0, duration_ms: 40 })).status).toBe(200);
});

const list = async (query = "") => {
  const res = await api("GET", `/api/v1/exec${query}`, { key: reader });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { count: number; executions: { receipt_id: string }[]; next_cursor: string | null };
};
const ids = async (query = "") => (await list(query)).executions.map((e) => e.receipt_id);

describe("GET /api/v1/exec over evaluated runs", () => {
  it("lists the runs newest first, filtered by executor, suggester, decision, language and result", async () => {
    expect(await ids()).toEqual([receipts.bash, receipts.blocked, receipts.benign]);
    expect(await ids("?agent_id=runner")).toEqual([receipts.blocked, receipts.benign]);
    expect(await ids("?suggested_by=planner&decision=BLOCK")).toEqual([receipts.blocked]);
    expect(await ids("?language=bash")).toEqual([receipts.bash]);
    expect(await ids("?result=ok")).toEqual([receipts.benign]);
    expect(await ids("?result=pending&agent_id=runner")).toEqual([receipts.blocked]);
  });

  it("pages with next_cursor until the oldest run", async () => {
    const first = await list("?limit=2");
    expect(first.executions.map((e) => e.receipt_id)).toEqual([receipts.bash, receipts.blocked]);
    expect(await ids(`?limit=2&cursor=${first.next_cursor}`)).toEqual([receipts.benign]);
  });

  it("reads one run with its code, operations, decision, runtime and result", async () => {
    const res = await api("GET", `/api/v1/exec/${receipts.benign}`, { key: reader });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      receipt_id: receipts.benign, agent_id: "runner", suggested_by: "planner", language: "python", code: BENIGN, code_sha256: sha256(BENIGN),
      decision: "CONSTRAIN", runtime: { time_limit_s: 5 }, result: { status: "ok", exit_code: 0, duration_ms: 40 },
    });
    expect(res.body.operations).toContainEqual(expect.objectContaining({ kind: "import", target: "json", line: 1 }));
  });

  it("answers 404 to another workspace's key for this workspace's receipt, and lists nothing of it", async () => {
    const other = await seedWorkspace(["audit:read"]);
    expect((await api("GET", `/api/v1/exec/${receipts.benign}`, { key: other.key })).status).toBe(404);
    expect((await api("GET", "/api/v1/exec", { key: other.key })).body).toMatchObject({ count: 0 });
  });
});

describe("the audit export of code runs", () => {
  it("holds the receipt and the result with executor, suggester, decision and code hash readable", async () => {
    const auditor = await member(gate.slug, "AUDITOR");
    const exported = await exportWithManifest(auditor, gate.slug, { format: "jsonl", q: sha256(BENIGN) });
    const rows = exported.file.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((r) => r.action)).toEqual(["policy.evaluated", "code.result"]);
    expect(rows[0]).toMatchObject({ id: receipts.benign, agent_id: "runner", suggested_by: "planner", decision: "CONSTRAIN", tool: "python" });
    expect(rows[0]!.details).toMatchObject({ kind: "code_execution", code_sha256: sha256(BENIGN) });
    expect(rows[1]!.details).toMatchObject({ receipt_id: receipts.benign, status: "ok" });
    expect(exported.file).not.toContain("json.dumps");
  });
});
