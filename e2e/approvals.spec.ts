// Journey: a reviewer decides, in the browser, what a policy escalated. An agent's payment above
// the policy's threshold answers ESCALATE and waits (GET /api/v1/approvals/<id>?wait=30); the
// request appears on the open Approvals page without a reload, the reviewer approves or denies
// it with a note and the waiting agent gets the decision. Expiry, the two-person rule, and
// viewers and auditors who see the queue read-only and are refused by the server.
// Each test has a workspace of its own: its policy and queue concern nobody else.
import type { APIRequestContext, Page, Request } from "@playwright/test";
import { attachScreenshot, cli, expect, fillSignIn, test, toast, unique } from "./support/fixtures";
import { actionCall, replay, type ActionCall } from "./support/server-actions";

type User = { email: string; password: string };
type Json = Record<string, unknown>;

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const approvalsPage = (slug: string) => `/w/${slug}/approvals`;
const card = (page: Page, id: string) => page.getByTestId(`approval-${id}`);
const recentRow = (page: Page, id: string) => page.getByTestId(`recent-${id}`);
const expectToast = (page: Page, type: "success" | "error", text: string) => expect(toast(page, type).filter({ hasText: text })).toBeVisible();

async function createMember(slug: string, role: "REVIEWER" | "ADMIN" | "AUDITOR" | "VIEWER"): Promise<User> {
  const user = { email: `${unique(role.toLowerCase())}@warden.test`, password: "password123" };
  await cli(["create-user", "--email", user.email, "--password", user.password, "--role", role, "--workspace", slug]);
  return user;
}

async function signInTo(page: Page, user: User, slug: string) {
  await page.goto("/signin");
  await fillSignIn(page, user);
  await expect(page).toHaveURL(`/w/${slug}`);
}

/**
 * A fresh workspace with a published policy on payments and an agent's API key. The key both
 * configures and acts, like the integration tests' agents: it raises the requests, so it could
 * never decide them itself.
 */
async function escalatingWorkspace(request: APIRequestContext, payments: Json) {
  const slug = unique("approvals");
  const keyName = unique("agent-key");
  await cli(["create-workspace", slug]);
  const lines = await cli(["create-key", "--workspace", slug, "--name", keyName, "--scopes", "policies:write,sessions:write,payments:write,approvals:read,approvals:decide"]);
  const key = lines.at(-1)!;
  const post = async (path: string, data: Json) => {
    const response = await request.post(path, { headers: bearer(key), data });
    expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as Json;
  };
  const policy = await post("/api/v1/policies", { name: "payments", default: "ALLOW", payments });
  await post(`/api/v1/policies/${String(policy.policy_id)}/publish`, {});
  const agentId = unique("buyer");
  const { session_id } = await post("/api/v1/sessions", { agent_id: agentId, scopes: ["spend"] });

  /** An agent's payment through POST /api/v1/evaluate; returns the approval request's id. */
  async function escalate(amount: number, extra: Json = {}) {
    const body = await post("/api/v1/evaluate", {
      session_id,
      kind: "payment",
      tool: "stripe",
      action: "pay invoice",
      params: { amount, currency: "USD", recipient: "vendor@shop.test" },
      ...extra,
    });
    expect(body.decision, JSON.stringify(body)).toBe("ESCALATE");
    expect(body.approval_id).toMatch(/^apr_/);
    return String(body.approval_id);
  }
  /** What the agent waiting on the request learns (?wait holds up to 30 s for a decision). */
  async function outcome(id: string, wait = 0) {
    const response = await request.get(`/api/v1/approvals/${id}${wait ? `?wait=${wait}` : ""}`, { headers: bearer(key), timeout: 45_000 });
    expect(response.status()).toBe(200);
    return (await response.json()) as Json;
  }
  /** The agent pays with the reviewer's approval: POST /api/v1/payments/authorize with approval_id. */
  async function payApproved(id: string, amount: number) {
    const response = await request.post("/api/v1/payments/authorize", {
      headers: bearer(key),
      data: { session_id, amount, currency: "USD", recipient: "vendor@shop.test", approval_id: id },
    });
    return { status: response.status(), body: (await response.json()) as Json };
  }
  return { slug, key, keyName, agentId, escalate, outcome, payApproved };
}

/** A marker on the window: still there later means the page was not reloaded. */
async function markPage(page: Page) {
  await page.evaluate(() => Object.assign(window, { __wardenMarker: "kept" }));
  return async () => expect(await page.evaluate(() => (window as unknown as { __wardenMarker?: string }).__wardenMarker)).toBe("kept");
}

test.describe("a reviewer", () => {
  test("sees an escalated payment arrive without reloading, approves it with a note, and the waiting agent gets the decision", async (
    { page, request },
    testInfo,
  ) => {
    const w = await escalatingWorkspace(request, { escalate_above: 50 });
    const reviewer = await createMember(w.slug, "REVIEWER");
    await signInTo(page, reviewer, w.slug);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" }).click();
    await expect(page).toHaveURL(approvalsPage(w.slug));
    await expect(page.getByTestId("empty-state")).toContainText("POST /api/v1/approvals/request");
    const notReloaded = await markPage(page);

    const id = await w.escalate(60, { suggested_by: "planner", conversation: { group: "procurement", turn: 3, message: "The vendor insists on payment today." } });
    const waiting = w.outcome(id, 30);

    const request60 = card(page, id);
    await expect(request60).toBeVisible();
    await notReloaded();
    await expect(request60.getByRole("heading", { name: "pay invoice" })).toBeVisible();
    await expect(request60.getByTestId("amount")).toHaveText("$60.00");
    for (const text of [w.agentId, "stripe", "ABOVE_ESCALATION_THRESHOLD", `API key ${w.keyName}`, "vendor@shop.test", "procurement", "turn 3", "The vendor insists on payment today.", "planner", "ago"]) {
      await expect(request60).toContainText(text);
    }
    await expect(request60).toContainText(/Expires\s*in (59|60) min/);
    await expect(request60.getByTestId("approvals-count")).toHaveText("0 of 1");
    await expect(page.getByTestId("pending-count")).toContainText("1 request");
    await attachScreenshot(page, testInfo, "approvals-queue");

    await request60.getByRole("button", { name: "Review" }).click();
    const dialog = page.getByRole("dialog", { name: "Review: pay invoice" });
    await expect(dialog.getByLabel("Note", { exact: true })).toBeFocused();
    await expect(dialog).toContainText("$60.00");
    await dialog.getByLabel("Note", { exact: true }).fill("Invoice checked against the PO");
    await attachScreenshot(page, testInfo, "approvals-review-dialog");
    await dialog.getByRole("button", { name: "Approve" }).click();

    await expectToast(page, "success", `Approved pay invoice by ${w.agentId}`);
    await expect(dialog).toBeHidden();
    await expect(card(page, id)).toHaveCount(0);
    await expect(page.getByTestId("empty-state")).toBeVisible();
    await expect(recentRow(page, id).getByTestId("outcome")).toHaveText("approved");
    await expect(recentRow(page, id)).toContainText(reviewer.email);
    await expect(recentRow(page, id).getByTestId("note")).toHaveText("Invoice checked against the PO");

    const answered = await waiting;
    expect(answered).toMatchObject({ request_id: id, status: "approved", decision_note: "Invoice checked against the PO", decided_by: expect.stringMatching(/^user:usr_/) });
    // The approved payment authorizes exactly once.
    expect(await w.payApproved(id, 60)).toMatchObject({ status: 200, body: { authorized: true, amount: 60, approval_id: id } });
    expect(await w.payApproved(id, 60)).toMatchObject({ status: 409, body: { authorized: false, code: "approval_consumed" } });
    await notReloaded();
    await attachScreenshot(page, testInfo, "approvals-after-decision");
  });

  test("denies a request from the keyboard, and the waiting agent is told it is denied with the note", async ({ page, request }) => {
    const w = await escalatingWorkspace(request, { escalate_above: 50 });
    const reviewer = await createMember(w.slug, "REVIEWER");
    await signInTo(page, reviewer, w.slug);
    await page.goto(approvalsPage(w.slug));
    const notReloaded = await markPage(page);

    const id = await w.escalate(75);
    const waiting = w.outcome(id, 30);
    await expect(card(page, id).getByTestId("amount")).toHaveText("$75.00");

    await card(page, id).getByRole("button", { name: "Review" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Review: pay invoice" });
    await expect(dialog.getByLabel("Note", { exact: true })).toBeFocused();
    await page.keyboard.type("Unknown vendor");
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Deny" })).toBeFocused();
    await page.keyboard.press("Enter");

    await expectToast(page, "success", `Denied pay invoice by ${w.agentId}`);
    await expect(card(page, id)).toHaveCount(0);
    await expect(recentRow(page, id).getByTestId("outcome")).toHaveText("denied");
    await expect(recentRow(page, id).getByTestId("note")).toHaveText("Unknown vendor");
    expect(await waiting).toMatchObject({ status: "denied", decision_note: "Unknown vendor", decided_by: expect.stringMatching(/^user:usr_/) });
    expect(await w.payApproved(id, 75)).toMatchObject({ status: 403, body: { authorized: false, code: "approval_denied" } });
    await notReloaded();
  });

  test("cannot decide a request once it has expired: the server refuses, and it shows as expired", async ({ page, request }) => {
    // 5 s rather than 2: the reviewer must see the request (≤ 2 s polling) and open it before it expires.
    const w = await escalatingWorkspace(request, { escalate_above: 50, approval: { expires_in: 5 } });
    const reviewer = await createMember(w.slug, "REVIEWER");
    await signInTo(page, reviewer, w.slug);
    await page.goto(approvalsPage(w.slug));

    const id = await w.escalate(60);
    await card(page, id).getByRole("button", { name: "Review" }).click();
    const dialog = page.getByRole("dialog", { name: "Review: pay invoice" });
    await dialog.getByLabel("Note", { exact: true }).fill("too late");
    await expect(dialog.getByTestId("dialog-expiry")).toHaveText("expired");
    // The dialog keeps its request while the queue drops it; the decision still goes to the server, which refuses it.
    await expect(card(page, id)).toHaveCount(0);
    await dialog.getByRole("button", { name: "Approve" }).click();
    await expectToast(page, "error", "Approval request is already expired");
    await expect(dialog.getByRole("alert")).toHaveText("Approval request is already expired");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    await expect(recentRow(page, id).getByTestId("outcome")).toHaveText("expired");
    await expect(recentRow(page, id)).toContainText("nobody, in time");
    expect(await w.outcome(id)).toMatchObject({ status: "expired", decided_by: null });
    const byApi = await request.post(`/api/v1/approvals/${id}/approve`, { headers: bearer(w.key), data: { note: "" } });
    expect(byApi.status()).toBe(409);
  });

  test("above the two-person amount, one approval leaves the request pending at 1 of 2 until a second reviewer approves", async ({ page, browser, request }) => {
    const w = await escalatingWorkspace(request, { escalate_above: 50, approval: { two_person_above: 100 } });
    const [first, second] = [await createMember(w.slug, "REVIEWER"), await createMember(w.slug, "ADMIN")];
    await signInTo(page, first, w.slug);
    await page.goto(approvalsPage(w.slug));

    const id = await w.escalate(150);
    const waiting = w.outcome(id, 30);
    await expect(card(page, id).getByTestId("approvals-count")).toHaveText("0 of 2");
    await card(page, id).getByRole("button", { name: "Review" }).click();
    await page.getByLabel("Note", { exact: true }).fill("first look: fine");
    await page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
    await expectToast(page, "success", "is recorded: it needs one more reviewer");
    await expect(card(page, id).getByTestId("approvals-count")).toHaveText(`1 of 2 (${first.email})`);
    await expect(card(page, id)).toContainText("You approved it; it needs another reviewer's approval.");
    await expect(card(page, id).getByRole("button", { name: "Review" })).toBeDisabled();
    expect(await w.outcome(id)).toMatchObject({ status: "pending", approvals: [expect.stringMatching(/^user:usr_/)] });

    const context = await browser.newContext({ baseURL: process.env.WARDEN_E2E_URL });
    const other = await context.newPage();
    await signInTo(other, second, w.slug);
    await other.goto(approvalsPage(w.slug));
    await expect(card(other, id).getByTestId("approvals-count")).toContainText("1 of 2");
    await card(other, id).getByRole("button", { name: "Review" }).click();
    await other.getByLabel("Note", { exact: true }).fill("second pair of eyes");
    await other.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
    await expectToast(other, "success", `Approved pay invoice by ${w.agentId}`);
    await expect(card(other, id)).toHaveCount(0);
    await context.close();

    // The first reviewer's page follows without a reload.
    await expect(card(page, id)).toHaveCount(0);
    await expect(recentRow(page, id).getByTestId("outcome")).toHaveText("approved");
    await expect(recentRow(page, id)).toContainText("2 of 2 approvals");
    await expect(recentRow(page, id)).toContainText(second.email);
    const answered = await waiting;
    expect(answered).toMatchObject({ status: "approved", decision_note: "second pair of eyes" });
    expect(answered.approvals).toHaveLength(2);
  });
});

const isDecision = (request: Request) => request.method() === "POST" && "next-action" in request.headers() && (request.postData() ?? "").includes('"decision"');

for (const [role, label, person] of [["VIEWER", "Viewer", "a viewer"], ["AUDITOR", "Auditor", "an auditor"]] as const) {
  test.describe(person, () => {
    let w: Awaited<ReturnType<typeof escalatingWorkspace>>;
    let user: User;
    let decided: string;
    let waitingId: string;
    let reviewerCall: ActionCall;

    // A reviewer's browser approves one request; the request it sent is kept for replaying.
    test.beforeAll(async ({ browser, playwright }) => {
      const api = await playwright.request.newContext({ baseURL: process.env.WARDEN_E2E_URL });
      w = await escalatingWorkspace(api, { escalate_above: 50 });
      user = await createMember(w.slug, role);
      const reviewer = await createMember(w.slug, "REVIEWER");
      decided = await w.escalate(60);
      const page = await browser.newPage({ baseURL: process.env.WARDEN_E2E_URL });
      await signInTo(page, reviewer, w.slug);
      await page.goto(approvalsPage(w.slug));
      await card(page, decided).getByRole("button", { name: "Review" }).click();
      const sent = page.waitForRequest(isDecision);
      await page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
      reviewerCall = actionCall(await sent);
      await expect(recentRow(page, decided).getByTestId("outcome")).toHaveText("approved");
      await page.close();
      waitingId = await w.escalate(80);
    });

    test.beforeEach(async ({ page }) => {
      await signInTo(page, user, w.slug);
      await expect(page.getByTestId("current-role")).toHaveText(label);
      await page.goto(approvalsPage(w.slug));
    });

    test("sees the queue and the decisions without any control to decide", async ({ page }, testInfo) => {
      await expect(page.getByTestId("read-only-note")).toContainText("Only reviewers and admins decide requests.");
      await expect(card(page, waitingId).getByTestId("amount")).toHaveText("$80.00");
      await expect(card(page, waitingId)).toContainText("ABOVE_ESCALATION_THRESHOLD");
      await expect(recentRow(page, decided).getByTestId("outcome")).toHaveText("approved");
      await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
      await expect(page.getByRole("main").locator("input, select, textarea")).toHaveCount(0);
      await attachScreenshot(page, testInfo, `approvals-${label.toLowerCase()}`);
    });

    test("is refused by the server when replaying a reviewer's decision request", async ({ page }) => {
      const replayed = await replay(page, { ...reviewerCall, body: reviewerCall.body.replaceAll(decided, waitingId) });
      expect(replayed.body).toContain(`Your role (${label}) does not allow this`);
      expect(await w.outcome(waitingId)).toMatchObject({ status: "pending", approvals: [] });
      await expect(card(page, waitingId)).toBeVisible();
    });
  });
}
