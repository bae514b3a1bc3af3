// Journey: an admin creates a crew with a budget and adds an agent; the agent's payments over
// the API show on the crew page as spend, progress, per-agent breakdown and a burn-down chart;
// the admin edits the budget, removes a member and revokes a session, which the API then
// refuses. A viewer sees all of it read-only, and the server refuses the admin's requests when
// the viewer's browser replays them.
import type { APIRequestContext, Page } from "@playwright/test";
import { ADMIN, WORKSPACE, attachScreenshot, createKey, createUser, expect, signIn, test, toast, unique } from "./support/fixtures";
import { actionCall, isServerAction, replay, type ActionCall } from "./support/server-actions";

test.describe.configure({ mode: "serial" });

const crewsPage = `/w/${WORKSPACE}/crews`;
const sessionsPage = `/w/${WORKSPACE}/sessions`;
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const expectToast = (page: Page, type: "success" | "error", text: string) => expect(toast(page, type).filter({ hasText: text })).toBeVisible();
const memberRow = (page: Page, agent: string) => page.getByTestId(`member-${agent}`);

const crewName = unique("e2e-crew");
const buyer = unique("buyer");
const helper = unique("helper");
let key: string;
let crewId: string;
let buyerSession: string;
const captured: Record<"create" | "update" | "add" | "revoke", ActionCall | null> = { create: null, update: null, add: null, revoke: null };

async function post(request: APIRequestContext, path: string, data: Record<string, unknown>, expected = 200) {
  const response = await request.post(path, { headers: bearer(key), data });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(expected);
  return (await response.json()) as Record<string, unknown>;
}

async function getJson(request: APIRequestContext, path: string) {
  const response = await request.get(path, { headers: bearer(key) });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** Runs `act` and keeps the server-action request it sends, for the viewer to replay. */
async function capture(page: Page, act: () => Promise<void>) {
  const sent = page.waitForRequest(isServerAction);
  await act();
  return actionCall(await sent);
}

test.beforeAll(async ({ playwright }) => {
  key = await createKey(["sessions:write", "payments:write", "agents:write", "crews:read"]);
  const api = await playwright.request.newContext({ baseURL: process.env.WARDEN_E2E_URL });
  const response = await api.post("/api/v1/agents", { headers: bearer(key), data: { agent_id: buyer } });
  expect(response.status()).toBe(201);
  await api.dispose();
});

test.describe("an admin", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ADMIN);
  });

  test("creates a crew with a budget, adds an agent, and sees its payments as spend, breakdown and a burn-down", async ({ page, request }, testInfo) => {
    await page.goto(crewsPage);
    await page.getByRole("button", { name: "New crew" }).click();
    const dialog = page.getByRole("dialog", { name: "New crew" });
    await dialog.getByLabel("Name").fill(crewName);
    await dialog.getByLabel("Description").fill("Buys what the launch needs");
    await dialog.getByLabel("Budget (USD)").fill("-5");
    await dialog.getByRole("button", { name: "Create crew" }).click();
    await expect(dialog.locator("#crew-budget-error")).toHaveText("Invalid budget: must be 0 or more");
    await expect(dialog.getByLabel("Budget (USD)")).toHaveAttribute("aria-invalid", "true");

    await dialog.getByLabel("Budget (USD)").fill("100");
    await dialog.getByLabel("Window", { exact: true }).selectOption("run");
    captured.create = await capture(page, () => dialog.getByRole("button", { name: "Create crew" }).click());
    await expectToast(page, "success", `Crew ${crewName} created`);
    await expect(page).toHaveURL(/\/crews\/crw_[0-9A-Z]+$/);
    crewId = page.url().split("/").at(-1)!;
    await expect(page.getByRole("heading", { level: 1, name: crewName })).toBeVisible();
    await expect(page.getByTestId("budget-progress")).toContainText("$0.00 of $100.00 spent this run");

    await page.getByLabel("Add an agent").selectOption(buyer);
    captured.add = await capture(page, () => page.getByRole("button", { name: "Add member" }).click());
    await expectToast(page, "success", "Member added");
    await expect(memberRow(page, buyer)).toBeVisible();

    // The agents work: a session in the crew each, and two payments by the buyer.
    buyerSession = String((await post(request, "/api/v1/sessions", { agent_id: buyer, scopes: ["spend"], ttl: 3600, crew_id: crewId }, 201)).session_id);
    await post(request, "/api/v1/sessions", { agent_id: helper, scopes: ["read"], ttl: 0, crew_id: crewId }, 201);
    await post(request, "/api/v1/payments/authorize", { session_id: buyerSession, amount: 30, description: "GPU hours" });
    const second = await post(request, "/api/v1/payments/authorize", { session_id: buyerSession, amount: 12.5, description: "domain" });
    expect(second.remaining_budget).toBe(57.5);

    await page.reload();
    await expect(page.getByTestId("budget-progress")).toContainText("$42.50 of $100.00 spent this run");
    await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "43");
    await expect(memberRow(page, buyer).getByTestId("agent-spent")).toHaveText("$42.50");
    await expect(memberRow(page, buyer).getByTestId("agent-share")).toHaveText("42.5%");
    await expect(memberRow(page, buyer)).toContainText("2");
    await expect(memberRow(page, helper).getByTestId("agent-spent")).toHaveText("$0.00");
    const chart = page.getByTestId("burn-down-chart");
    await expect(chart).toBeVisible();
    await expect(page.getByTestId("burn-down-summary")).toHaveText(/^\$57\.50 of \$100\.00 remaining after 2 payments this run/);
    await expect(chart.locator(".recharts-line-dot")).toHaveCount(4);
    await chart.getByText("The chart's points as a table").click();
    await expect(chart.getByTestId("burn-down-point").getByRole("cell", { name: /^\$/ })).toHaveText(["$100.00", "$70.00", "$57.50", "$57.50"]);
    await expect(page.getByRole("table", { name: "Recent sessions of the crew" })).toContainText(buyerSession);
    await attachScreenshot(page, testInfo, "crew-page");
  });

  test("edits the budget and window, with the server's validation inline", async ({ page }, testInfo) => {
    await page.goto(`${crewsPage}/${crewId}`);
    await page.getByRole("button", { name: "Edit budget" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit budget" });
    await expect(dialog.getByLabel("Budget (USD)")).toHaveValue("100");
    await dialog.getByLabel("Budget (USD)").fill("1.1234567");
    await dialog.getByRole("button", { name: "Save budget" }).click();
    await expect(dialog.locator("#edit-budget-error")).toHaveText("Invalid budget: must have at most 6 decimal places");
    await expectToast(page, "error", "must have at most 6 decimal places");

    await dialog.getByLabel("Budget (USD)").fill("80");
    await dialog.getByLabel("Window", { exact: true }).selectOption("day");
    await dialog.getByLabel("Token budget").fill("2.5");
    await dialog.getByRole("button", { name: "Save budget" }).click();
    await expect(dialog.locator("#edit-token-budget-error")).toHaveText("Invalid token_budget: must be a whole number of tokens");
    await dialog.getByLabel("Token budget").fill("500000");
    captured.update = await capture(page, () => dialog.getByRole("button", { name: "Save budget" }).click());
    await expectToast(page, "success", `Budget of ${crewName}: $80.00 per day`);
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("budget-progress")).toContainText("$42.50 of $80.00 spent today (UTC day)");
    await expect(page.getByTestId("crew-tokens")).toHaveText("LLM tokens through the gateway: 0 used of 500,000");
    await expect(page.getByTestId("burn-down-summary")).toContainText("$37.50 of $80.00 remaining after 2 payments today");
    await expect(page.getByTestId("burn-down-summary")).toContainText("the ideal line reaches $0 at");
    await expect(page.getByTestId("burn-down-chart").locator(".recharts-legend-item-text")).toHaveText(["Ideal", "Remaining"]);
    await attachScreenshot(page, testInfo, "crew-budget-edited");
  });

  test("removes a member only after confirming", async ({ page }) => {
    await page.goto(`${crewsPage}/${crewId}`);
    await memberRow(page, helper).getByRole("button", { name: `Remove ${helper}` }).click();
    const dialog = page.getByRole("dialog", { name: `Remove ${helper} from ${crewName}?` });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(memberRow(page, helper)).toBeVisible();

    await memberRow(page, helper).getByRole("button", { name: `Remove ${helper}` }).click();
    await dialog.getByRole("button", { name: "Remove member" }).click();
    await expectToast(page, "success", `${helper} removed from ${crewName}`);
    await expect(memberRow(page, helper)).toHaveCount(0);
    await expect(memberRow(page, buyer)).toBeVisible();
  });

  test("revokes a session after confirming: it moves to Revoked and the API refuses it", async ({ page, request }, testInfo) => {
    await page.goto(sessionsPage);
    await expect(page.getByTestId("tab-active")).toHaveAttribute("aria-current", "page");
    const row = page.getByTestId(`session-${buyerSession}`);
    await expect(row).toContainText(buyer);
    await expect(row).toContainText(crewName);
    await expect(row.getByTestId("remaining")).toHaveText("—");
    await expect(row.getByTestId("ttl-left")).toContainText(/\d+ min left/);
    await attachScreenshot(page, testInfo, "sessions-active");

    await row.getByRole("button", { name: "Revoke" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this session?" });
    await expect(dialog).toContainText(buyerSession);
    captured.revoke = await capture(page, () => dialog.getByRole("button", { name: "Revoke session" }).click());
    await expectToast(page, "success", `Session ${buyerSession} revoked`);
    await expect(row).toHaveCount(0);

    await page.getByTestId("tab-revoked").click();
    await expect(page).toHaveURL(`${sessionsPage}?status=revoked`);
    await expect(page.getByTestId(`session-${buyerSession}`)).toContainText(/Revoked \d+ s ago/);
    await attachScreenshot(page, testInfo, "sessions-revoked");

    const refused = await request.post("/api/v1/payments/authorize", { headers: bearer(key), data: { session_id: buyerSession, amount: 1 } });
    expect(refused.status()).toBe(401);
  });
});

test.describe("the sessions list", () => {
  test("loads older sessions with Load more, each once, newest first", async ({ page, request }) => {
    const agent = unique("batch");
    const created: string[] = [];
    for (let i = 0; i < 26; i++) created.push(String((await post(request, "/api/v1/sessions", { agent_id: agent, ttl: 600 }, 201)).session_id));
    await signIn(page, ADMIN);
    await page.goto(sessionsPage);
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(25);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(page.getByText(/^\d+ sessions shown, newest first$/)).not.toHaveText("25 sessions shown, newest first");
    const shown = (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-testid")!.replace("session-", ""))));
    expect(new Set(shown).size).toBe(shown.length);
    const mine = shown.filter((id) => created.includes(id));
    expect(mine).toEqual([...created].reverse());
  });
});

test.describe("a viewer", () => {
  let viewer: { email: string; password: string };
  const refusal = "Your role (Viewer) does not allow this";

  test.beforeAll(async () => {
    viewer = await createUser("VIEWER");
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page, viewer);
  });

  test("sees crews and sessions without any control to change them", async ({ page }, testInfo) => {
    await page.goto(crewsPage);
    await expect(page.getByRole("link", { name: crewName })).toBeVisible();
    await expect(page.getByRole("button", { name: "New crew" })).toHaveCount(0);
    await attachScreenshot(page, testInfo, "crews-viewer");
    await page.getByRole("link", { name: crewName }).click();
    await expect(page.getByTestId("read-only-note")).toHaveText("Only admins can change budgets and members.");
    await expect(page.getByTestId("burn-down-chart")).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit budget" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await expect(page.getByLabel("Add an agent")).toHaveCount(0);
    await attachScreenshot(page, testInfo, "crew-viewer");
    await page.goto(sessionsPage);
    await expect(page.getByTestId("read-only-note")).toHaveText("Only admins can revoke sessions.");
    await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
  });

  test("is refused by the server when replaying the admin's create, edit, add-member and revoke requests", async ({ page, request }) => {
    await page.goto(crewsPage);
    const otherName = unique("viewer-crew");
    const freshSession = String((await post(request, "/api/v1/sessions", { agent_id: buyer, scopes: ["spend"], ttl: 0, crew_id: crewId }, 201)).session_id);
    const replays = {
      create: { ...captured.create!, body: captured.create!.body.replaceAll(crewName, otherName) },
      update: { ...captured.update!, body: captured.update!.body.replace('"budget":80', '"budget":1') },
      add: { ...captured.add!, body: captured.add!.body.replaceAll(buyer, helper) },
      revoke: { ...captured.revoke!, body: captured.revoke!.body.replaceAll(buyerSession, freshSession) },
    };
    for (const [name, call] of Object.entries(replays)) {
      expect(call.body, `${name} is replayed with other arguments`).not.toBe(captured[name as keyof typeof captured]!.body);
      const response = await replay(page, call);
      expect(response.body, name).toContain(refusal);
    }

    const { crews } = (await getJson(request, "/api/v1/crews")) as { crews: { name: string }[] };
    expect(crews.map((c) => c.name)).not.toContain(otherName);
    const crew = await getJson(request, `/api/v1/crews/${crewId}`);
    expect(crew).toMatchObject({ budget: 80, budget_window: "day", members: [buyer] });
    expect(await getJson(request, `/api/v1/sessions/${freshSession}`)).toMatchObject({ is_valid: true, revoked_at: null });
  });
});
