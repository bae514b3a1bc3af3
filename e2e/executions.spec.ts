// Journey: the Executions views over code an agent evaluated through the gate
// (POST /api/v1/exec/evaluate). An admin filters the list and opens a run: the code with its
// operations highlighted, suggester → executor. A reviewer decides an escalated snippet in the
// approvals queue with the code in front of them. A viewer reads everything, changes nothing.
// Each test seeds a workspace of its own.
import type { APIRequestContext, Page } from "@playwright/test";
import { attachScreenshot, cli, clickWhenHydrated, expect, fillSignIn, test, unique } from "./support/fixtures";

type Json = Record<string, unknown>;
const BENIGN = 'import json\nprint(json.dumps({"ok": True}))\n';
const SHELL_OUT = 'import json\nimport subprocess\n\nsubprocess.run(["ls", "-l"])\n';

async function member(slug: string, role: "ADMIN" | "REVIEWER" | "VIEWER") {
  const user = { email: `${unique(role.toLowerCase())}@warden.test`, password: "password123" };
  await cli(["create-user", "--email", user.email, "--password", user.password, "--role", role, "--workspace", slug]);
  return user;
}

async function signInTo(page: Page, user: { email: string; password: string }, slug: string) {
  await page.goto("/signin");
  await fillSignIn(page, user);
  await expect(page).toHaveURL(`/w/${slug}`);
}

/** A workspace whose policy escalates started processes (CONSTRAIN otherwise), with two evaluated snippets. */
async function gateWorkspace(request: APIRequestContext) {
  const slug = unique("exec");
  await cli(["create-workspace", slug]);
  const key = (await cli(["create-key", "--workspace", slug, "--name", unique("agent"), "--scopes", "policies:write,sessions:write"])).at(-1)!;
  const post = async (path: string, data: Json) => {
    const response = await request.post(path, { headers: { Authorization: `Bearer ${key}` }, data });
    expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as Json;
  };
  const policy = await post("/api/v1/policies", { name: "code", default: "ALLOW", code: { denied_operations: ["process"], on_violation: "ESCALATE", runtime: { time_limit_s: 5 } } });
  await post(`/api/v1/policies/${String(policy.policy_id)}/publish`, {});
  const { session_id } = await post("/api/v1/sessions", { agent_id: "runner", scopes: ["execute"] });
  const benign = await post("/api/v1/exec/evaluate", { session_id, language: "python", code: BENIGN, suggested_by: "planner" });
  expect(benign.decision).toBe("CONSTRAIN");
  await post(`/api/v1/exec/${String(benign.receipt_id)}/result`, { status: "ok", exit_code: 0, duration_ms: 1200 });
  const escalated = await post("/api/v1/exec/evaluate", { session_id, language: "python", code: SHELL_OUT, suggested_by: "planner" });
  expect(escalated.decision).toBe("ESCALATE");
  return { slug, benign: String(benign.receipt_id), escalated: String(escalated.receipt_id), approvalId: String(escalated.approval_id) };
}

const row = (page: Page, receiptId: string) => page.locator(`[data-testid="execution-row"][data-receipt-id="${receiptId}"]`);

test("an admin filters the executions, opens the escalated run and sees its operations highlighted and who suggested it", async ({ page, request }, testInfo) => {
  const w = await gateWorkspace(request);
  await signInTo(page, await member(w.slug, "ADMIN"), w.slug);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Executions" }).click();
  await expect(page.getByTestId("execution-row")).toHaveCount(2);
  await expect(row(page, w.benign).getByTestId("execution-result")).toHaveText("ok 1.2 s");
  await expect(row(page, w.escalated).getByTestId("execution-operations")).toHaveText("import ×2 · process ×1");
  await expect(row(page, w.escalated).getByTestId("execution-agents")).toHaveText("planner → runner");
  await attachScreenshot(page, testInfo, "executions-list");

  await page.getByLabel("Decision").selectOption("ESCALATE");
  await clickWhenHydrated(page.getByRole("button", { name: "Apply filters" }));
  await expect(page).toHaveURL(/decision=ESCALATE/);
  await expect(page.getByTestId("execution-row")).toHaveCount(1);
  await row(page, w.escalated).getByRole("link").click();

  await expect(page).toHaveURL(`/w/${w.slug}/executions/${w.escalated}`);
  await expect(page.getByTestId("run-agents")).toHaveText("planner → runner");
  const code = page.getByTestId("code-view");
  await expect(code.locator('mark[data-kind="process"]')).toHaveText('subprocess.run(["ls", "-l"])');
  await expect(code.locator('mark[data-kind="import"]')).toHaveCount(2);
  await expect(code.getByTestId("legend-process")).toBeVisible();
  await expect(code.getByTestId("operation").filter({ hasText: "subprocess.run" })).toContainText("line 4");
  await code.getByTestId("operation").filter({ hasText: "subprocess.run" }).getByRole("link", { name: "line 4" }).click();
  await expect(page).toHaveURL(/#run-L4$/);
  await expect(page.getByRole("link", { name: w.escalated })).toHaveAttribute("href", `/w/${w.slug}/audit?q=${w.escalated}`);
  await page.getByRole("link", { name: "Every audit entry of this code" }).click();
  await expect(page.getByTestId("match-count")).toHaveText("1 entry matches these filters");
  await page.goto(`/w/${w.slug}/executions/${w.escalated}`);
  await attachScreenshot(page, testInfo, "execution-detail");

  await page.getByRole("link", { name: "runner" }).click();
  const section = page.getByRole("region", { name: "Executions" });
  await expect(section.getByTestId("execution-row")).toHaveCount(2);
  await section.getByRole("link", { name: "All executions of this agent" }).click();
  await expect(page).toHaveURL(`/w/${w.slug}/executions?agent_id=runner`);
  await expect(page.getByTestId("execution-row")).toHaveCount(2);
});

test("a reviewer sees the escalated code with its operations highlighted in the approvals queue and approves it", async ({ page, request }, testInfo) => {
  const w = await gateWorkspace(request);
  await signInTo(page, await member(w.slug, "REVIEWER"), w.slug);
  await page.goto(`/w/${w.slug}/approvals`);
  const card = page.getByTestId(`approval-${w.approvalId}`);
  await expect(card.getByTestId("code-view").locator('mark[data-kind="process"]')).toHaveText('subprocess.run(["ls", "-l"])');
  await expect(card.getByTestId("code-view")).toContainText("import subprocess");
  await attachScreenshot(page, testInfo, "approvals-escalated-code");

  await clickWhenHydrated(card.getByRole("button", { name: "Review" }));
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Note", { exact: true }).fill("ls is harmless");
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId(`recent-${w.approvalId}`).getByTestId("outcome")).toHaveText("approved");
  await page.goto(`/w/${w.slug}/executions/${w.escalated}`);
  await expect(page.getByTestId("run-approval")).toHaveText(`${w.approvalId} (approved)`);
});

test("a viewer reads the executions and a run's code, with nothing to change", async ({ page, request }, testInfo) => {
  const w = await gateWorkspace(request);
  await signInTo(page, await member(w.slug, "VIEWER"), w.slug);
  await page.goto(`/w/${w.slug}/executions`);
  await expect(page.getByTestId("execution-row")).toHaveCount(2);
  await page.goto(`/w/${w.slug}/executions/${w.benign}`);
  await expect(page.getByTestId("code-view")).toContainText("json.dumps");
  await expect(page.getByTestId("run-result")).toHaveText("ok 1.2 s");
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
  await attachScreenshot(page, testInfo, "execution-viewer");
});
