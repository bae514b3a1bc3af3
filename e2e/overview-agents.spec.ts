// Journey: the overview's figures and charts for a period, then one agent seen through the Agents
// pages — its list row, spend chart, infinite audit timeline with filters, and its sessions,
// which an admin can revoke (the API then refuses the session) and a viewer cannot, not even by
// replaying the admin's request.
import type { APIRequestContext, Page } from "@playwright/test";
import { ADMIN, WORKSPACE, attachScreenshot, createKey, createUser, expect, signIn, test, toast, unique } from "./support/fixtures";
import { actionCall, isServerAction, replay, type ActionCall } from "./support/server-actions";

const overview = `/w/${WORKSPACE}`;
const agents = `/w/${WORKSPACE}/agents`;
const bars = (page: Page, chart: string) => page.getByTestId(chart).locator("svg .recharts-bar-rectangle");

test.describe.configure({ mode: "serial" });

test.describe("the overview", () => {
  test("shows the demo workspace's figures and charts; a period chosen in the selector goes into the URL and changes the figures", async ({ page }, testInfo) => {
    await signIn(page, ADMIN);
    await expect(page.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("figure-actions")).not.toHaveText("0");
    await expect(page.getByTestId("figure-spend")).not.toHaveText("$0.00");
    await expect(page.getByTestId("figure-pending_approvals")).not.toHaveText("0");
    await expect(page.getByTestId("figure-active_sessions")).not.toHaveText("0");
    await expect(page.getByTestId("spend-definition")).toContainText("authorized payments only");
    const charts = { "chart-spend-by-agent": "Spend over time by agent", "chart-spend-by-crew": "Spend over time by crew", "chart-decisions": "Decisions over time by outcome" };
    for (const [chart, name] of Object.entries(charts)) {
      await expect(page.getByRole("img", { name: new RegExp(`^${name}\\. `) })).toBeVisible();
      await expect(bars(page, chart).first()).toBeVisible();
    }
    await expect(page.getByTestId("chart-spend-by-crew").getByTestId("chart-summary")).toContainText("launch-crew");
    await expect(page.getByRole("region", { name: "Top agents by spend" }).getByRole("link", { name: /Researcher/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "Top agents by denials" }).getByRole("link", { name: /Coder/ })).toBeVisible();
    await attachScreenshot(page, testInfo, "overview-7d");

    await page.getByRole("link", { name: "24 hours" }).click();
    await expect(page).toHaveURL(`${overview}?period=24h`);
    await expect(page.getByTestId("overview-updated")).toContainText("Last 24 hours");
    await expect(bars(page, "chart-decisions").first()).toBeVisible();

    await page.getByLabel("From", { exact: true }).fill("2020-01-01");
    await page.getByLabel("To", { exact: true }).fill("2020-01-02");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(`${overview}?from=2020-01-01&to=2020-01-02`);
    await expect(page.getByTestId("figure-actions")).toHaveText("0");
    await expect(page.getByTestId("figure-spend")).toHaveText("$0.00");
    await expect(page.getByTestId("empty-state")).toContainText("Settings → API keys");
    await attachScreenshot(page, testInfo, "overview-empty-period");

    await page.goto(`${overview}?period=1y`);
    await expect(page.getByTestId("period-error")).toHaveText("Invalid period: must be one of 24h, 7d, 30d, 90d. Showing last 7 days instead.");
    await expect(page.getByTestId("figure-actions")).not.toHaveText("0");
  });
});

type Agent = { id: string; key: string; live: string; doomed: string; entries: number };

async function api(request: APIRequestContext, key: string, method: "get" | "post", path: string, data?: unknown) {
  const response = await request[method](path, { headers: { Authorization: `Bearer ${key}` }, ...(data === undefined ? {} : { data }) });
  return { status: response.status(), body: (await response.json()) as Record<string, any> };
}

/** A new agent with two sessions, a payment and 70 logged actions (every tenth one BLOCK), made through the API. */
async function busyAgent(request: APIRequestContext): Promise<Agent> {
  const key = await createKey(["sessions:write", "payments:write", "audit:write", "audit:read"]);
  // '#' and '?' must be encoded in the agent page's URL.
  const id = unique("e2e#bot?");
  const session = async (ttl: number) => {
    const created = await api(request, key, "post", "/api/v1/sessions", { agent_id: id, scopes: ["read", "spend"], ttl, spend_limit: 10 });
    expect(created.status).toBe(201);
    return created.body.session_id as string;
  };
  const live = await session(3600);
  const doomed = await session(0);
  const paid = await api(request, key, "post", "/api/v1/payments/authorize", { session_id: live, amount: 3.5, description: "e2e credits" });
  expect(paid.body).toMatchObject({ authorized: true });
  const events = Array.from({ length: 70 }, (_, i) => ({ session_id: live, action: `step-${i}`, tool: "e2e", decision: i % 10 === 0 ? "BLOCK" : "ALLOW" }));
  expect((await api(request, key, "post", "/api/v1/audit/batch", { events })).status).toBe(201);
  const trail = await api(request, key, "get", `/api/v1/audit?${new URLSearchParams({ agent_id: id, limit: "1000" })}`);
  return { id, key, live, doomed, entries: trail.body.count as number };
}

test.describe("an agent's pages", () => {
  let agent: Agent;
  let revokeCall: ActionCall;

  test.beforeAll(async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL: process.env.WARDEN_E2E_URL });
    agent = await busyAgent(request);
    await request.dispose();
  });

  test("lists the new agent with its status, spend and last action, and its page shows spend and a timeline that loads older entries", async ({ page }, testInfo) => {
    await signIn(page, ADMIN);
    await page.goto(agents);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: agent.id }) });
    await expect(row.getByTestId("agent-status")).toHaveText("Active");
    await expect(row).toContainText("$3.50");
    await expect(row).toContainText("step-69");
    await attachScreenshot(page, testInfo, "agents-list");

    await row.getByRole("link", { name: agent.id }).click();
    await expect(page).toHaveURL(`${agents}/${encodeURIComponent(agent.id)}`);
    await expect(page.getByRole("heading", { level: 1, name: agent.id })).toBeVisible();
    await expect(page.getByTestId("chart-agent-spend").getByTestId("chart-summary")).toContainText("$3.50 in 1 payment");
    await expect(bars(page, "chart-agent-spend").first()).toBeVisible();
    await expect(page.getByTestId("applying-policies")).toContainText("Payments: balanced");

    const entries = page.getByTestId("timeline-entry");
    await expect(entries).toHaveCount(25);
    await expect(entries.first().getByTestId("entry-action")).toHaveText("step-69");
    await page.getByTestId("timeline-count").scrollIntoViewIfNeeded();
    await expect(entries).toHaveCount(50);
    await expect(entries.nth(49).getByTestId("entry-action")).toHaveText("step-20");

    // The last page by keyboard (focusing the button may also bring the sentinel into view: either way, one more page).
    expect(agent.entries).toBeGreaterThan(50);
    expect(agent.entries).toBeLessThanOrEqual(75);
    await page.getByRole("button", { name: "Load more" }).focus();
    await page.keyboard.press("Enter");
    await expect(entries).toHaveCount(agent.entries);
    await expect(page.getByTestId("timeline-count")).toContainText("the beginning of the trail");
    await expect(entries.last().getByTestId("entry-action")).toHaveText("session.created");
    await attachScreenshot(page, testInfo, "agent-page");
  });

  test("narrows the timeline with the decision filter, kept in the URL", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto(`${agents}/${encodeURIComponent(agent.id)}`);
    await page.getByLabel("Decision", { exact: true }).selectOption("BLOCK");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]decision=BLOCK/);
    const entries = page.getByTestId("timeline-entry");
    await expect(entries).toHaveCount(7);
    await expect(entries.getByTestId("entry-decision")).toHaveText(Array(7).fill("BLOCK"));
    await expect(entries.first().getByTestId("entry-action")).toHaveText("step-60");
  });

  test("an admin revokes a session after confirming; the API then refuses it", async ({ page, request }, testInfo) => {
    await signIn(page, ADMIN);
    await page.goto(`${agents}/${encodeURIComponent(agent.id)}`);
    const row = page.locator(`[data-testid="session-row"][data-session-id="${agent.doomed}"]`);
    await expect(row.getByTestId("session-status")).toHaveText("Active");
    await expect(row).toContainText(/\d+ h \d+ min/); // ttl 0: the maximum, 365 days

    await row.getByRole("button", { name: `Revoke session ${agent.doomed}` }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this session?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    expect((await api(request, agent.key, "post", "/api/v1/audit", { session_id: agent.doomed, action: "still-alive" })).status).toBe(201);

    await row.getByRole("button", { name: `Revoke session ${agent.doomed}` }).click();
    await attachScreenshot(page, testInfo, "revoke-confirmation");
    const sent = page.waitForRequest((r) => isServerAction(r) && (r.postData() ?? "").includes(agent.doomed));
    await dialog.getByRole("button", { name: "Revoke session" }).click();
    revokeCall = actionCall(await sent);
    await expect(toast(page, "success")).toContainText(`Session ${agent.doomed} revoked`);
    await expect(row.getByTestId("session-status")).toHaveText("Revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

    const refused = await api(request, agent.key, "post", "/api/v1/audit", { session_id: agent.doomed, action: "after-revoke" });
    expect(refused).toMatchObject({ status: 401, body: { code: "unauthorized" } });
  });

  test("a viewer sees no Revoke button, and the server refuses the admin's revoke request replayed from the viewer's page", async ({ page, request }) => {
    const viewer = await createUser("VIEWER");
    await signIn(page, viewer);
    await page.goto(`${agents}/${encodeURIComponent(agent.id)}`);
    await expect(page.locator(`[data-testid="session-row"][data-session-id="${agent.live}"]`).getByTestId("session-status")).toHaveText("Active");
    await expect(page.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

    const replayed = await replay(page, { ...revokeCall, body: revokeCall.body.replaceAll(agent.doomed, agent.live) });
    expect(replayed.body).toContain("Your role (Viewer) does not allow this");
    const stillLive = await api(request, agent.key, "post", "/api/v1/audit", { session_id: agent.live, action: "after-replay" });
    expect(stillLive.status).toBe(201);
  });
});
