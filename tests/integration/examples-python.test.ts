// The Python examples (examples/*.py), run as a user would with the SDK installed offline in a
// fresh venv, against this project's server; each test checks the example's exit code, the
// RESULT line it prints and, through the API, that the server's state shows the outcome.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { api, baseUrl, createKey, seedWorkspace } from "../helpers/api";
import { collect, ROOT, waitForLine } from "../helpers/processes";
import { describeRun, run, venvWithSdk } from "../helpers/python";

let venv: Awaited<ReturnType<typeof venvWithSdk>>;
let workspace: { slug: string; key: string };
beforeAll(async () => {
  [venv, workspace] = await Promise.all([venvWithSdk(), seedWorkspace(["*"])]);
}, 120_000);
afterAll(() => venv?.remove());

const exampleEnv = () => ({ WARDEN_BASE_URL: `${baseUrl()}/api`, WARDEN_API_KEY: workspace.key, WARDEN_WORKSPACE: workspace.slug });
const example = (name: string) => path.join(ROOT, "examples", name);
const get = async (route: string) => (await api("GET", `/api/v1${route}`, { key: workspace.key })).body;

function resultOf(stdout: string): Record<string, any> {
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  expect(line, stdout).toBeDefined();
  return JSON.parse(line!.slice("RESULT ".length)) as Record<string, any>;
}

describe("examples/research_crew.py", () => {
  it("spends exactly the crew budget, refuses the analyst's purchase past it, and lets the others finish", async () => {
    const result = await run(venv.python, [example("research_crew.py")], exampleEnv());
    expect(result.code, describeRun("research_crew.py", result)).toBe(0);
    const summary = resultOf(result.stdout);
    const crew = await get(`/crews/${summary.crew_id}`);
    expect([crew.spent, crew.budget]).toEqual([10, 10]);
    expect(summary.refused).toEqual([expect.stringMatching(/^analyst-/)]);
    const sessions = summary.sessions as Record<string, string>;
    const spentBy = async (role: string) => (await get(`/sessions/${sessions[Object.keys(sessions).find((a) => a.startsWith(role))!]}`)).spent;
    expect([await spentBy("analyst"), await spentBy("writer"), await spentBy("scout")]).toEqual([6, 4, 0]);
    const statuses = async (role: string) => {
      const sessionId = sessions[Object.keys(sessions).find((a) => a.startsWith(role))!];
      const trail = await get(`/audit?session_id=${sessionId}`);
      return (trail.entries as { details: { status?: string } }[]).map((e) => e.details?.status).filter(Boolean);
    };
    expect(await statuses("scout")).toEqual(["ok"]);
    expect(await statuses("writer")).toEqual(["ok", "ok"]);
  });
});

describe("examples/scoped_secret.py", () => {
  it("refuses the session without the scope, lets the other read, audits both and never prints the value", async () => {
    const result = await run(venv.python, [example("scoped_secret.py")], exampleEnv());
    expect(result.code, describeRun("scoped_secret.py", result)).toBe(0);
    const summary = resultOf(result.stdout);
    const denied = await get(`/audit?session_id=${summary.refused_session}`);
    expect(denied.entries).toContainEqual(expect.objectContaining({ action: "secret.read_denied", flagged: true }));
    const read = await get(`/audit?session_id=${summary.reader_session}`);
    expect(read.entries).toContainEqual(expect.objectContaining({ action: "secret.read", details: expect.objectContaining({ name: summary.secret }) }));
    const checker = (await api("POST", "/api/v1/sessions", { key: workspace.key, body: { agent_id: "checker", scopes: ["billing"] } })).body;
    const secret = await api("GET", `/api/v1/secrets/${summary.secret}`, { key: workspace.key, headers: { "x-session-id": checker.session_id } });
    expect(secret.body.value).toHaveLength(summary.value_length);
    expect(result.stdout + result.stderr).not.toContain(secret.body.value);
  });
});

describe("examples/autogen_payment_approval.py", () => {
  it("pays the small invoice at once and the large one only after a reviewer approves it", async () => {
    const reviewerKey = await createKey(workspace.slug, ["approvals:decide"]);
    const child = spawn(venv.python, [example("autogen_payment_approval.py")], { cwd: ROOT, env: { ...process.env, ...exampleEnv() }, stdio: ["ignore", "pipe", "pipe"] });
    const finished = collect(child);
    onTestFinished(() => void (child.exitCode === null && child.kill())); // never leave it waiting for a reviewer
    const approvalId = (await waitForLine(child, /^APPROVAL apr_/)).split(" ")[1]!;
    expect((await get(`/approvals/${approvalId}`)).status).toBe("pending");
    const approved = await api("POST", `/api/v1/approvals/${approvalId}/approve`, { key: reviewerKey, body: { note: "invoice checked" } });
    expect(approved.status).toBe(200);
    const result = await finished;
    expect(result.code, describeRun("autogen_payment_approval.py", result)).toBe(0);
    expect(result.stdout).toContain(`/w/${workspace.slug}/approvals`);
    const summary = resultOf(result.stdout);
    expect(summary.approval_id).toBe(approvalId);
    expect((await get(`/sessions/${summary.session_id}`)).spent).toBe(290);
    const payments = await get(`/audit/spend?session_id=${summary.session_id}`);
    expect([payments.payments_usd, payments.payment_count]).toEqual([290, 2]);
  });
});

describe("examples/autogen_code_executor.py", () => {
  it("runs the assistant's benign snippet within the runtime limits and records its result, and never runs the one that shells out", async () => {
    const result = await run(venv.python, [example("autogen_code_executor.py")], exampleEnv());
    expect(result.code, describeRun("autogen_code_executor.py", result)).toBe(0);
    const summary = resultOf(result.stdout);
    expect(summary.snippets.mean).toMatchObject({ decision: "CONSTRAIN", ran: true, status: "ok", output: '{"mean": 6}' });
    expect(summary.snippets.cleanup).toMatchObject({ decision: "BLOCK", ran: false });
    const trail = (await get(`/audit?session_id=${summary.session_id}`)).entries as { entry_id: string; action: string; suggested_by: string | null; details: Record<string, unknown> }[];
    const receipts = trail.filter((e) => e.action === "policy.evaluated");
    expect(receipts.map((e) => e.suggested_by)).toEqual([summary.assistant, summary.assistant]);
    const results = trail.filter((e) => e.action === "code.result");
    expect(results.map((e) => e.details)).toEqual([expect.objectContaining({ receipt_id: summary.snippets.mean.receipt_id, status: "ok", exit_code: 0 })]);
  });
});
