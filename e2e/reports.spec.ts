// Journey: an auditor reports on a period. A reviewer approves an agent's escalated payment in
// the browser and the agent pays with the approval; the auditor opens Reports, picks the period,
// sees the figures and the reviewer on screen and downloads the PDF, which says the same; a
// viewer sees the preview without a download button and is refused the PDF by the server.
// The journey has a workspace of its own, so its figures concern nobody else.
import fs from "node:fs";
import { pdfText } from "../tests/helpers/pdf-text";
import { attachScreenshot, cli, expect, fillSignIn, test, toast, unique } from "./support/fixtures";
import type { Page } from "@playwright/test";

type User = { email: string; password: string };

test.describe.configure({ mode: "serial" });

const slug = unique("reports");
const agentId = unique("buyer");
const reportsPage = `/w/${slug}/reports`;
const today = () => new Date().toISOString().slice(0, 10);
let key = "";
let sessionId = "";
let approvalId = "";
let reviewer: User;

async function post(path: string, data: Record<string, unknown>) {
  const response = await fetch(`${process.env.WARDEN_E2E_URL}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(data),
  });
  const body = (await response.json()) as Record<string, unknown>;
  expect(response.status, `${path}: ${JSON.stringify(body)}`).toBeLessThan(300);
  return body;
}

async function member(role: "REVIEWER" | "AUDITOR" | "VIEWER"): Promise<User> {
  const user = { email: `${unique(role.toLowerCase())}@warden.test`, password: "password123" };
  await cli(["create-user", "--email", user.email, "--password", user.password, "--role", role, "--workspace", slug]);
  return user;
}

async function signInTo(page: Page, user: User) {
  await page.goto("/signin");
  await fillSignIn(page, user);
  await expect(page).toHaveURL(`/w/${slug}`);
}

test.beforeAll(async () => {
  await cli(["create-workspace", slug]);
  key = (await cli(["create-key", "--workspace", slug, "--name", unique("agent"), "--scopes", "policies:write,sessions:write,payments:write"])).at(-1)!;
  const policy = await post("/api/v1/policies", { name: "payments", default: "ALLOW", payments: { escalate_above: 50 } });
  await post(`/api/v1/policies/${String(policy.policy_id)}/publish`, {});
  sessionId = String((await post("/api/v1/sessions", { agent_id: agentId, scopes: ["spend"] })).session_id);
  const params = { amount: 60, currency: "USD", recipient: "vendor@shop.test" };
  approvalId = String((await post("/api/v1/evaluate", { session_id: sessionId, kind: "payment", tool: "stripe", action: "pay invoice", params })).approval_id);
  reviewer = await member("REVIEWER");
});

test("a reviewer approves the escalated payment, and the agent pays with it", async ({ page }) => {
  await signInTo(page, reviewer);
  await page.goto(`/w/${slug}/approvals`);
  await page.getByTestId(`approval-${approvalId}`).getByRole("button", { name: "Review" }).click();
  const dialog = page.getByRole("dialog", { name: "Review: pay invoice" });
  await dialog.getByLabel("Note", { exact: true }).fill("invoice ok");
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(toast(page, "success")).toBeVisible();
  const paid = await post("/api/v1/payments/authorize", { session_id: sessionId, amount: 60, currency: "USD", recipient: "vendor@shop.test", approval_id: approvalId });
  expect(paid).toMatchObject({ authorized: true, amount: 60 });
});

test("an auditor previews the period and downloads the PDF", async ({ page }, testInfo) => {
  await signInTo(page, await member("AUDITOR"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(reportsPage);
  await expect(page.getByRole("heading", { name: "Compliance report" })).toBeVisible();
  await page.getByRole("navigation", { name: "Period presets" }).getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(new RegExp(`${reportsPage}\\?from=\\d{4}-\\d{2}-\\d{2}&to=${today()}$`));
  await expect(page.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "true");
  await expect(page.getByLabel("From (UTC)")).toHaveValue(new URL(page.url()).searchParams.get("from")!);
  await expect(page.getByLabel("To (UTC, included)")).toHaveValue(today());

  await expect(page.getByTestId("chain-status")).toContainText("Audit chain: verified");
  await expect(page.getByRole("table", { name: "Spend per agent" })).toContainText(agentId);
  await expect(page.getByRole("table", { name: "Spend per agent" })).toContainText("USD 60.00");
  const approvals = page.getByRole("table", { name: "Approvals" });
  await expect(approvals).toContainText(`approve: ${reviewer.email}`);
  await expect(approvals).toContainText("invoice ok");
  await attachScreenshot(page, testInfo, "reports-auditor-preview");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^warden-compliance-${slug}-\\d{4}-\\d{2}-\\d{2}-${today()}\\.pdf$`));
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = await pdfText(new Uint8Array(bytes));
  expect(text).toContain(`approve: ${reviewer.email}`);
  expect(text).toContain("Audit chain: verified");
  expect(text).toContain(`${agentId} | 1 | USD 60.00`);
});

test("an auditor sees what to do for a quiet period and for dates that do not make a period", async ({ page }) => {
  await signInTo(page, await member("AUDITOR"));
  await page.goto(`${reportsPage}?from=2020-01-01&to=2020-01-31`);
  await expect(page.getByTestId("empty-state")).toContainText("No activity in this period");
  await page.getByLabel("From (UTC)").fill("2026-03-02");
  await page.getByLabel("To (UTC, included)").fill("2026-03-01");
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.getByTestId("period-error")).toContainText("Invalid to: must not be before 'from'");
  await expect(page.getByRole("link", { name: "Download PDF" })).toHaveCount(0);
});

test("a viewer sees the preview without a download, and the server refuses the PDF", async ({ page }, testInfo) => {
  await signInTo(page, await member("VIEWER"));
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" })).toHaveCount(0);
  await page.goto(reportsPage);
  await expect(page.getByRole("table", { name: "Spend per agent" })).toContainText(agentId);
  await expect(page.getByRole("link", { name: "Download PDF" })).toHaveCount(0);
  await expect(page.getByTestId("no-export")).toContainText("needs the Auditor or Admin role (you are a Viewer)");
  await attachScreenshot(page, testInfo, "reports-viewer");
  const response = await page.request.get(`${reportsPage}/compliance?from=${today()}&to=${today()}`);
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ code: "forbidden" });
});
