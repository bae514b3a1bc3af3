// Journey: an admin sets up governance for a new agent from the browser — an API key (shown
// once) and a crew with a budget — then, once the agent has worked through the API with that
// key, finds its activity on its page and the crew's budget burning down.
import type { APIRequestContext, Page } from "@playwright/test";
import { ADMIN, WORKSPACE, attachScreenshot, expect, signIn, test, toast, unique } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

const base = `/w/${WORKSPACE}`;
const keyName = unique("ops-key");
const crewName = unique("Ops crew");
const agent = unique("ops-agent");
let key = "";
let crewId = "";

async function post(request: APIRequestContext, path: string, data: Record<string, unknown>, expected: number) {
  const response = await request.post(path, { headers: { Authorization: `Bearer ${key}` }, data });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(expected);
  return (await response.json()) as Record<string, unknown>;
}

async function createKeyInBrowser(page: Page) {
  await page.goto(`${base}/settings/api-keys`);
  await page.getByLabel("Name", { exact: true }).fill(keyName);
  for (const box of await page.getByRole("checkbox").all()) await box.uncheck();
  for (const scope of ["sessions:write", "payments:write", "audit:write"]) await page.getByLabel(scope, { exact: true }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: `Your new key “${keyName}”` });
  await expect(toast(page, "success")).toContainText(`Created key ${keyName}`);
  const shown = (await dialog.getByTestId("new-api-key").textContent()) ?? "";
  expect(shown).toMatch(/^wdn_/);
  await dialog.getByRole("button", { name: "I have saved it" }).click();
  await page.reload();
  await expect(page.getByText(keyName)).toBeVisible();
  expect(await page.content(), "the key is shown once, never again").not.toContain(shown.slice(12));
  return shown;
}

test("an admin creates an API key and a crew, and after the agent's calls sees its activity and the crew's burn-down", async (
  { page, request },
  testInfo,
) => {
  await signIn(page, ADMIN);

  await test.step("an API key, shown once", async () => {
    key = await createKeyInBrowser(page);
  });

  await test.step("a crew with a $50 budget for the run", async () => {
    await page.goto(`${base}/crews`);
    await page.getByRole("button", { name: "New crew" }).click();
    const dialog = page.getByRole("dialog", { name: "New crew" });
    await dialog.getByLabel("Name").fill(crewName);
    await dialog.getByLabel("Budget (USD)").fill("50");
    await dialog.getByLabel("Window", { exact: true }).selectOption("run");
    await dialog.getByRole("button", { name: "Create crew" }).click();
    await expect(page.getByRole("heading", { level: 1, name: crewName })).toBeVisible();
    crewId = /\/crews\/([^/?#]+)/.exec(page.url())![1]!;
    await expect(page.getByTestId("budget-progress")).toContainText("$0.00 of $50.00 spent this run");
  });

  await test.step("the agent works through the API with the new key", async () => {
    const session = await post(request, "/api/v1/sessions", { agent_id: agent, scopes: ["spend"], ttl: 3600, crew_id: crewId }, 201);
    const sessionId = String(session.session_id);
    await post(request, "/api/v1/payments/authorize", { session_id: sessionId, amount: 20, description: "dataset licence" }, 200);
    await post(request, "/api/v1/payments/authorize", { session_id: sessionId, amount: 7.5, description: "API credits" }, 200);
    const events = ["read brief", "draft plan", "file report"].map((action) => ({ session_id: sessionId, action, tool: "notes" }));
    await post(request, "/api/v1/audit/batch", { events }, 201);
  });

  await test.step("the agent's page shows its activity and spend", async () => {
    await page.goto(`${base}/agents`);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: agent }) });
    await expect(row.getByTestId("agent-status")).toHaveText("Active");
    await row.getByRole("link", { name: agent }).click();
    await expect(page.getByRole("heading", { level: 1, name: agent })).toBeVisible();
    await expect(page.getByTestId("chart-agent-spend").getByTestId("chart-summary")).toContainText("$27.50 in 2 payments");
    const actions = page.getByTestId("timeline-entry").getByTestId("entry-action");
    await expect(actions.first()).toHaveText("file report");
    await expect(actions).toContainText(["file report", "draft plan", "read brief"]);
    await expect(page.getByTestId("timeline-entry").filter({ hasText: "payment.authorized" })).toHaveCount(2);
    await attachScreenshot(page, testInfo, "admin-agent-activity");
  });

  await test.step("the crew's page shows the budget burning down", async () => {
    await page.goto(`${base}/crews/${crewId}`);
    await expect(page.getByTestId("budget-progress")).toContainText("$27.50 of $50.00 spent this run");
    await expect(page.getByTestId("burn-down-summary")).toHaveText(/^\$22\.50 of \$50\.00 remaining after 2 payments this run/);
    const chart = page.getByTestId("burn-down-chart");
    await expect(chart.locator("svg .recharts-line")).not.toHaveCount(0);
    await chart.getByText("The chart's points as a table").click();
    await expect(chart.getByTestId("burn-down-point").getByRole("cell", { name: /^\$/ })).toHaveText(["$50.00", "$30.00", "$22.50", "$22.50"]);
    await attachScreenshot(page, testInfo, "admin-crew-burn-down");
  });
});
