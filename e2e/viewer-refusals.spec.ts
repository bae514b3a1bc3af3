// Journey: a viewer sees the pages, and the server — not only the page — refuses every mutation
// the other journeys do not already replay. For each action an admin does it in the browser on a
// throwaway object made for the purpose; the server-action request the browser sent is kept, and
// the viewer's browser sends it again, retargeted at a second, intact object. The reply is the
// role refusal, and the intact object is checked unchanged apart from the page (through the API
// with a key, or the admin's view after a reload). The journey has its own workspace, so its
// members page and its policies are its own.
import type { APIRequestContext, Page } from "@playwright/test";
import { ADMIN, cli, expect, fillSignIn, signIn, test, toast, unique } from "./support/fixtures";
import { actionCall, isServerAction, replay, type ActionCall } from "./support/server-actions";

test.describe.configure({ mode: "serial" });

const slug = unique("refusals");
const base = `/w/${slug}`;
const refusal = "Your role (Viewer) does not allow this";
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const expectToast = (page: Page, text: string) => expect(toast(page, "success").filter({ hasText: text })).toBeVisible();
const email = (prefix: string) => `${unique(prefix)}@warden.test`;

let key: string; // every scope the checks below need
let viewerPage: Page; // signed in once as the viewer, for every replay

async function addUser(role: "ADMIN" | "REVIEWER" | "VIEWER", address = email(role.toLowerCase())) {
  await cli(["create-user", "--email", address, "--password", "password123", "--role", role, "--workspace", slug]);
  return { email: address, password: "password123" };
}

const newKey = async (scopes: string) => (await cli(["create-key", "--workspace", slug, "--name", unique("e2e"), "--scopes", scopes])).at(-1)!;

async function api(request: APIRequestContext, method: "get" | "post", path: string, data?: unknown, headers: Record<string, string> = {}) {
  const response = await request[method](path, { headers: { ...bearer(key), ...headers }, data });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

/** Runs `act` in the admin's browser and keeps the server-action request it sends. */
async function capture(page: Page, act: () => Promise<unknown>): Promise<ActionCall> {
  const sent = page.waitForRequest(isServerAction);
  await act();
  return actionCall(await sent);
}

/** The viewer's browser sends `call` again with `from` replaced by `to`, and is refused. */
async function replayRefused(call: ActionCall, from: string, to: string) {
  const body = call.body.replaceAll(from, to);
  expect(body, `the replay names ${to}`).not.toBe(call.body);
  const reply = await replay(viewerPage, { ...call, body });
  expect(reply.body).toContain(refusal);
}

/** The props the server rendered for a member or invitation row, read from the page's RSC payload. */
async function renderedRow(page: Page, address: string): Promise<Record<string, string>> {
  await page.reload();
  const flight = await page.locator("script").evaluateAll((scripts) =>
    scripts
      .map((script) => script.textContent ?? "")
      .filter((text) => text.startsWith("self.__next_f.push("))
      .map((text) => String((JSON.parse(text.slice("self.__next_f.push(".length, -1)) as unknown[])[1] ?? ""))
      .join(""),
  );
  const row = flight.match(new RegExp(`\\{[^{}]*"email":"${address.replaceAll(".", "\\.")}"[^{}]*\\}`));
  expect(row, `${address} in the page's payload`).not.toBeNull();
  return JSON.parse(row![0]) as Record<string, string>;
}

test.beforeAll(async ({ browser }) => {
  await cli(["create-workspace", slug]);
  await addUser("ADMIN", ADMIN.email);
  key = await newKey("keys:read,policies:read,crews:write,crews:read,agents:write,sessions:write,vault:write,vault:read");
  const viewer = await addUser("VIEWER");
  viewerPage = await browser.newPage({ baseURL: process.env.WARDEN_E2E_URL });
  await viewerPage.goto("/signin");
  await fillSignIn(viewerPage, viewer);
  await expect(viewerPage).toHaveURL(base);
  await expect(viewerPage.getByTestId("current-role")).toHaveText("Viewer");
});

test.afterAll(async () => {
  await viewerPage.close();
});

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("createPolicyAction: the viewer's replay under another name creates no policy", async ({ page, request }) => {
  const [made, replayed] = [unique("e2e-policy"), unique("viewer-policy")];
  await page.goto(`${base}/policies`);
  await page.getByRole("button", { name: "New policy" }).click();
  const dialog = page.getByRole("dialog", { name: "New policy" });
  await dialog.getByLabel("Name", { exact: true }).fill(made);
  const call = await capture(page, () => dialog.getByRole("button", { name: "Create policy" }).click());
  await expectToast(page, `Created ${made}`);

  await replayRefused(call, made, replayed);
  const { policies } = (await api(request, "get", "/api/v1/policies")) as { policies: { name: string }[] };
  expect(policies.map((p) => p.name)).toEqual([made]);
});

test("revokeApiKeyAction: the viewer's replay at another key leaves it active", async ({ page, request }) => {
  const [doomed, live] = [await newKey("keys:read"), await newKey("keys:read")];
  const whoami = (k: string) => request.get("/api/v1/whoami", { headers: bearer(k) });
  const prefixOf = async (k: string) => String(((await (await whoami(k)).json()) as { prefix: string }).prefix);
  const [doomedPrefix, livePrefix] = [await prefixOf(doomed), await prefixOf(live)];
  await page.goto(`${base}/settings/api-keys`);
  await page.getByTestId(`key-row-${doomedPrefix}`).getByRole("button", { name: "Revoke" }).click();
  const call = await capture(page, () => page.getByTestId(`key-row-${doomedPrefix}`).getByRole("button", { name: "Confirm revoke" }).click());
  await expectToast(page, `Revoked ${doomedPrefix}`);
  expect((await whoami(doomed)).status()).toBe(401);

  await replayRefused(call, doomedPrefix, livePrefix);
  expect((await whoami(live)).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId(`key-row-${livePrefix}`)).toContainText("Active");
});

test.describe("members", () => {
  const [changed, removed, intact] = [email("changed"), email("removed"), email("intact")];
  const roleOf = (page: Page, address: string) => page.getByLabel(`Role of ${address}`);

  test.beforeAll(async () => {
    for (const address of [changed, removed, intact]) await addUser("REVIEWER", address);
  });

  test("changeMemberRoleAction: the viewer's replay at another member leaves its role", async ({ page }) => {
    await page.goto(`${base}/settings/members`);
    const [source, target] = [(await renderedRow(page, changed)).membershipId!, (await renderedRow(page, intact)).membershipId!];
    const call = await capture(page, () => roleOf(page, changed).selectOption("AUDITOR"));
    await expectToast(page, `Role of ${changed} changed`);
    await expect(roleOf(page, changed)).toHaveValue("AUDITOR");

    await replayRefused(call, source, target);
    await page.reload();
    await expect(roleOf(page, intact)).toHaveValue("REVIEWER");
  });

  test("removeMemberAction: the viewer's replay at another member leaves it in the workspace", async ({ page }) => {
    await page.goto(`${base}/settings/members`);
    const [source, target] = [(await renderedRow(page, removed)).membershipId!, (await renderedRow(page, intact)).membershipId!];
    page.once("dialog", (dialog) => void dialog.accept());
    const call = await capture(page, () => page.getByTestId(`member-${removed}`).getByRole("button", { name: "Remove" }).click());
    await expectToast(page, `${removed} removed`);
    await expect(page.getByTestId(`member-${removed}`)).toHaveCount(0);

    await replayRefused(call, source, target);
    await page.reload();
    await expect(page.getByTestId(`member-${intact}`)).toBeVisible();
    await expect(roleOf(page, intact)).toHaveValue("REVIEWER");
  });

  test("revokeInvitationAction: the viewer's replay at another invitation leaves it pending", async ({ page }) => {
    const [doomed, pending] = [email("invite-doomed"), email("invite-pending")];
    const invitation = (address: string) => page.getByRole("listitem").filter({ hasText: address });
    await page.goto(`${base}/settings/members`);
    const form = page.getByRole("region", { name: "Invite a member" });
    for (const address of [doomed, pending]) {
      await form.getByLabel("Email", { exact: true }).fill(address);
      await form.getByRole("button", { name: "Invite" }).click();
      await expectToast(page, `Invitation created for ${address}`);
    }
    const [source, target] = [(await renderedRow(page, doomed)).invitationId!, (await renderedRow(page, pending)).invitationId!];
    const call = await capture(page, () => invitation(doomed).getByRole("button", { name: "Revoke" }).click());
    await expectToast(page, `Invitation for ${doomed} revoked`);
    await expect(invitation(doomed)).toHaveCount(0);

    await replayRefused(call, source, target);
    await page.reload();
    await expect(invitation(pending)).toContainText("Reviewer");
  });
});

test.describe("secrets", () => {
  const [edited, intact] = [unique("E2E_EDITED"), unique("E2E_INTACT")];
  const row = (page: Page, name: string) => page.getByTestId(`secret-row-${name}`);

  /** What an agent reads through a fresh session with the scope read (403 once the scope changes). */
  async function agentReads(request: APIRequestContext, name: string) {
    const session = await api(request, "post", "/api/v1/sessions", { agent_id: unique("e2e-reader"), scopes: ["read"] });
    const response = await request.get(`/api/v1/secrets/${name}`, { headers: { ...bearer(key), "X-Session-ID": String(session.session_id) } });
    return { status: response.status(), value: response.ok() ? ((await response.json()) as { value: string }).value : null };
  }

  test.beforeAll(async ({ request }) => {
    for (const name of [edited, intact]) {
      for (const value of ["first", "second"]) await api(request, "post", "/api/v1/secrets", { name, value: `${name}-${value}` });
    }
  });

  test("changeSecretScopeAction: the viewer's replay at another secret leaves its scope", async ({ page, request }) => {
    await page.goto(`${base}/secrets`);
    await row(page, edited).getByRole("button", { name: "Change scope" }).click();
    const dialog = page.getByRole("dialog", { name: `Change the scope of ${edited}` });
    await dialog.getByLabel("Required scope", { exact: true }).fill("vault:prod");
    const call = await capture(page, () => dialog.getByRole("button", { name: "Change scope" }).click());
    await expectToast(page, `${edited} now requires the scope vault:prod`);
    expect((await agentReads(request, edited)).status).toBe(403);

    await replayRefused(call, edited, intact);
    expect(await agentReads(request, intact)).toEqual({ status: 200, value: `${intact}-second` });
    await page.reload();
    await expect(row(page, intact).getByRole("cell").first()).toHaveText("read");
  });

  test("restoreSecretVersionAction: the viewer's replay at another secret leaves its version", async ({ page, request }) => {
    await page.goto(`${base}/secrets`);
    await row(page, edited).getByRole("button", { name: "Roll back" }).click();
    const dialog = page.getByRole("dialog", { name: `Roll back ${edited}` });
    const call = await capture(page, () => dialog.getByRole("button", { name: "Roll back" }).click());
    await expectToast(page, `Restored version 1 of ${edited} as version 3`);

    await replayRefused(call, edited, intact);
    expect(await agentReads(request, intact)).toEqual({ status: 200, value: `${intact}-second` });
    await page.reload();
    await expect(row(page, intact)).toContainText("v2 (2 versions)");
  });
});

test("removeCrewMemberAction: the viewer's replay at another agent leaves it in the crew", async ({ page, request }) => {
  const [leaving, staying] = [unique("leaving"), unique("staying")];
  const crew = await api(request, "post", "/api/v1/crews", { name: unique("e2e-crew") });
  const crewId = String(crew.crew_id);
  for (const agent of [leaving, staying]) await api(request, "post", "/api/v1/sessions", { agent_id: agent, scopes: ["read"], crew_id: crewId });
  await page.goto(`${base}/crews/${crewId}`);
  await page.getByTestId(`member-${leaving}`).getByRole("button", { name: `Remove ${leaving}` }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${leaving} from ${String(crew.name)}?` });
  const call = await capture(page, () => dialog.getByRole("button", { name: "Remove member" }).click());
  await expectToast(page, `${leaving} removed from ${String(crew.name)}`);

  await replayRefused(call, leaving, staying);
  expect(await api(request, "get", `/api/v1/crews/${crewId}`)).toMatchObject({ members: [staying] });
});

test("a viewer's pages show none of these controls, or show them disabled with a note", async () => {
  const page = viewerPage;
  await page.goto(`${base}/policies`);
  await expect(page.getByTestId("read-only-note")).toContainText("Only admins edit and publish policies.");
  await expect(page.getByRole("button", { name: "New policy" })).toHaveCount(0);

  await page.goto(`${base}/settings/api-keys`);
  await expect(page.getByText("Only admins can create and revoke API keys.")).toBeVisible();
  await expect(page.getByRole("table", { name: "API keys" }).getByRole("row")).not.toHaveCount(0);
  await expect(page.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  await page.goto(`${base}/settings/members`);
  await expect(page.getByText("Only admins can invite members and change roles.")).toBeVisible();
  const roles = page.getByLabel(/^Role of /);
  await expect(roles.first()).toBeVisible();
  for (const select of await roles.all()) await expect(select).toBeDisabled();
  await expect(page.getByRole("heading", { name: "Pending invitations" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Remove|Revoke/ })).toHaveCount(0);

  await page.goto(`${base}/secrets`);
  await expect(page.getByTestId("read-only-note")).toContainText("Only admins manage secrets.");
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);

  await page.goto(`${base}/crews`);
  await page.getByRole("main").getByRole("link", { name: /^e2e-crew-/ }).click();
  await expect(page.getByTestId("read-only-note")).toHaveText("Only admins can change budgets and members.");
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
});
