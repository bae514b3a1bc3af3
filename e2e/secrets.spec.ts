// Journey: an admin keeps a secret in the vault from the browser (stores it, gives it a new
// value, changes its scope, rolls it back, deletes it) and no value ever reaches the browser.
// Viewers and auditors see the same table read-only, and the server refuses their calls to the
// page's server actions even when they replay the requests an admin's browser sends.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { actionCall, isServerAction, replay, type ActionCall } from "./support/server-actions";
import { ADMIN, WORKSPACE, attachScreenshot, cli, clickWhenHydrated, createKey, createUser, expect, signIn, test, toast, unique } from "./support/fixtures";

const secretsPage = `/w/${WORKSPACE}/secrets`;
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const secretName = () => unique("E2E_SECRET");
const plaintext = (label: string) => `${label}-${randomBytes(18).toString("base64url")}`;

const expectToast = (page: Page, type: "success" | "error", text: string) => expect(toast(page, type).filter({ hasText: text })).toBeVisible();
const row = (page: Page, name: string) => page.getByTestId(`secret-row-${name}`);
/** The row's data cells, after the name: scope, version, accesses, last access, updated, actions. */
const accessesCell = (page: Page, name: string) => row(page, name).getByRole("cell").nth(2);

type Received = { url: string; method: string; type: string; body: string };

/**
 * Passes every response on to the page through Playwright and keeps its body if it is text:
 * exactly what the page received (reading bodies afterwards from the browser's network log
 * misses the streamed RSC responses).
 */
async function recordResponses(page: Page): Promise<Received[]> {
  const received: Received[] = [];
  await page.route("**/*", async (route) => {
    const request = route.request();
    try {
      const response = await route.fetch({ maxRedirects: 0 });
      const body = await response.body();
      const type = response.headers()["content-type"] ?? "";
      if (/^text\/|json|javascript|x-component/.test(type)) {
        received.push({ url: request.url(), method: request.method(), type, body: body.toString("utf8") });
      }
      await route.fulfill({ response, body });
    } catch {
      // The browser gave the request up (an aborted prefetch, a navigation): nothing reached it.
      await route.abort().catch(() => {});
    }
  });
  return received;
}

test.describe("an admin", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ADMIN);
  });

  test("stores a secret, sets a new value, changes its scope, rolls it back and deletes it, and no value ever reaches the browser", async (
    { page, request },
    testInfo,
  ) => {
    const name = secretName();
    const [first, second] = [plaintext("first"), plaintext("second")];
    const received = await recordResponses(page);
    const agentKey = await createKey(["sessions:write", "vault:read"]);

    async function expectNoValueInTheBrowser() {
      const html = await page.content();
      for (const value of [first, second]) {
        expect(html.includes(value), "a value in the page's HTML").toBe(false);
        for (const r of received) expect(r.body.includes(value), `a value in the response to ${r.method} ${r.url}`).toBe(false);
      }
      return received;
    }

    /** What an agent gets when it reads the secret through a fresh session with these scopes. */
    async function agentReads(scopes: string[]) {
      const session = await request.post("/api/v1/sessions", { headers: bearer(agentKey), data: { agent_id: unique("e2e-vault-agent"), scopes } });
      expect(session.status()).toBe(201);
      const { session_id } = (await session.json()) as { session_id: string };
      const response = await request.get(`/api/v1/secrets/${name}`, { headers: { ...bearer(agentKey), "X-Session-ID": session_id } });
      return { status: response.status(), value: response.ok() ? ((await response.json()) as { value: string }).value : null };
    }

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Secrets" }).click();
    await expect(page).toHaveURL(secretsPage);
    await expect(page.getByRole("heading", { level: 1, name: "Secrets" })).toBeVisible();

    await test.step("New secret stores version 1 with the default scope read, and empties the form", async () => {
      const form = page.getByRole("region", { name: "New secret" });
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("Value", { exact: true }).fill(first);
      await expect(form.getByLabel("Required scope", { exact: true })).toHaveValue("read");
      // Typed but not sent yet: the input is not controlled by React, so the value is not in the DOM.
      await expectNoValueInTheBrowser();
      await form.getByRole("button", { name: "Store secret" }).click();

      await expectToast(page, "success", `Stored ${name} (version 1)`);
      await expect(row(page, name)).toContainText("read");
      await expect(row(page, name)).toContainText("v1 (1 version)");
      await expect(accessesCell(page, name)).toHaveText("0");
      await expect(row(page, name).getByRole("button", { name: "Roll back" })).toBeDisabled();
      await expect(form.getByLabel("Value", { exact: true })).toHaveValue("");
      await expect(form.getByLabel("Name", { exact: true })).toHaveValue("");
      await expect(page.getByRole("button", { name: /reveal|show|copy/i })).toHaveCount(0);
      await expectNoValueInTheBrowser();
    });

    await test.step("Set new value creates version 2, which agents then read", async () => {
      await row(page, name).getByRole("button", { name: "Set new value" }).click();
      const dialog = page.getByRole("dialog", { name: `Set a new value for ${name}` });
      await expect(dialog.getByLabel("New value", { exact: true })).toBeFocused();
      await dialog.getByLabel("New value", { exact: true }).fill(second);
      await dialog.getByRole("button", { name: "Save new value" }).click();

      await expectToast(page, "success", `Stored version 2 of ${name}`);
      await expect(dialog).toBeHidden();
      await expect(row(page, name)).toContainText("v2 (2 versions)");
      expect(await agentReads(["read"])).toEqual({ status: 200, value: second });
      await expectNoValueInTheBrowser();
      await page.reload();
      await expect(accessesCell(page, name)).toHaveText("1");
      await expectNoValueInTheBrowser();
    });

    await test.step("Change scope makes the secret readable only by sessions holding the new scope", async () => {
      await clickWhenHydrated(row(page, name).getByRole("button", { name: "Change scope" }));
      const dialog = page.getByRole("dialog", { name: `Change the scope of ${name}` });
      await expect(dialog.getByLabel("Required scope", { exact: true })).toHaveValue("read");
      await dialog.getByLabel("Required scope", { exact: true }).fill("vault:prod");
      await dialog.getByRole("button", { name: "Change scope" }).click();

      await expectToast(page, "success", `${name} now requires the scope vault:prod`);
      await expect(row(page, name)).toContainText("vault:prod");
      expect((await agentReads(["read"])).status).toBe(403);
      expect(await agentReads(["vault:prod"])).toEqual({ status: 200, value: second });
      await expectNoValueInTheBrowser();
    });

    await test.step("Roll back, from the keyboard, restores version 1's value as version 3", async () => {
      await row(page, name).getByRole("button", { name: "Roll back" }).focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: `Roll back ${name}` });
      const select = dialog.getByLabel("Version to restore", { exact: true });
      await expect(select).toBeFocused();
      // Only older versions are offered: version 2 is the current one.
      await expect(select.getByRole("option")).toHaveText(["Version 1"]);
      await expect(select).toHaveValue("1");
      await attachScreenshot(page, testInfo, "secrets-roll-back-dialog");
      await dialog.getByRole("button", { name: "Roll back" }).press("Enter");

      await expectToast(page, "success", `Restored version 1 of ${name} as version 3`);
      await expect(row(page, name)).toContainText("v3 (3 versions)");
      expect(await agentReads(["vault:prod"])).toEqual({ status: 200, value: first });
      await expectNoValueInTheBrowser();
      await page.reload();
      await expect(accessesCell(page, name)).toHaveText("3");
      await attachScreenshot(page, testInfo, "secrets");
      await expectNoValueInTheBrowser();
    });

    await test.step("Delete asks first: Escape keeps the secret, Delete secret removes the row", async () => {
      const deleteButton = row(page, name).getByRole("button", { name: "Delete" });
      await clickWhenHydrated(deleteButton);
      const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
      await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await expect(deleteButton).toBeFocused();
      await expect(row(page, name)).toBeVisible();

      await deleteButton.click();
      await dialog.getByRole("button", { name: "Delete secret" }).click();
      await expectToast(page, "success", `Deleted ${name}`);
      await expect(row(page, name)).toHaveCount(0);
      expect((await agentReads(["admin"])).status).toBe(404);
      await expectNoValueInTheBrowser();
      await page.reload();
      await expect(page.getByRole("heading", { name: "Stored secrets" })).toBeVisible();
      await expect(row(page, name)).toHaveCount(0);
    });

    const responses = await expectNoValueInTheBrowser();
    // The check above saw the documents, the server actions' replies and the refreshes.
    expect(responses.some((r) => r.type.startsWith("text/html"))).toBe(true);
    expect(responses.filter((r) => r.method === "POST" && r.type.includes("text/x-component")).length).toBeGreaterThanOrEqual(5);
  });

  test("invalid input is refused with the reason next to its field, and the value input is emptied", async ({ page }) => {
    const value = plaintext("invalid");
    await page.goto(secretsPage);
    const form = page.getByRole("region", { name: "New secret" });

    await form.getByLabel("Name", { exact: true }).fill("not a valid name");
    await form.getByLabel("Value", { exact: true }).fill(value);
    await form.getByRole("button", { name: "Store secret" }).click();
    const reason = "Invalid name: must be 1-128 letters, digits or _ . -";
    await expect(form.getByRole("alert").filter({ hasText: reason })).toBeVisible();
    await expectToast(page, "error", reason);
    await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Value", { exact: true })).toHaveValue("");
    await expect(page.getByText("not a valid name", { exact: true })).toHaveCount(0);

    const existing = secretName();
    await form.getByLabel("Name", { exact: true }).fill(existing);
    await form.getByLabel("Value", { exact: true }).fill(value);
    await form.getByRole("button", { name: "Store secret" }).click();
    await expect(row(page, existing)).toContainText("v1 (1 version)");
    await form.getByLabel("Name", { exact: true }).fill(existing);
    await form.getByLabel("Value", { exact: true }).fill(value);
    await form.getByRole("button", { name: "Store secret" }).click();
    await expect(form.getByRole("alert").filter({ hasText: `A secret named ${existing} already exists` })).toBeVisible();
    await expect(row(page, existing)).toContainText("v1 (1 version)");
    expect(await page.content()).not.toContain(value);
  });

  test("a workspace without secrets says how to store the first one", async ({ page }) => {
    const slug = unique("vault-empty");
    await cli(["create-workspace", slug]);
    await cli(["create-user", "--email", ADMIN.email, "--password", ADMIN.password, "--role", "ADMIN", "--workspace", slug]);
    await page.goto(`/w/${slug}/secrets`);
    const empty = page.getByTestId("empty-state");
    await expect(empty).toContainText("No secrets yet");
    await expect(empty).toContainText("Store the first one with the form above.");
    await expect(page.getByRole("region", { name: "New secret" })).toBeVisible();
  });
});


for (const [role, label, person] of [["VIEWER", "Viewer", "a viewer"], ["AUDITOR", "Auditor", "an auditor"]] as const) {
  test.describe(person, () => {
    let user: { email: string; password: string };
    const [target, doomed, adminValue] = [secretName(), secretName(), plaintext("admin")];
    const calls: { store?: ActionCall; remove?: ActionCall } = {};

    // An admin's browser stores a value for `target` (version 2) and deletes `doomed`; the
    // requests it sent are kept for the non-admin to replay.
    test.beforeAll(async ({ browser }) => {
      user = await createUser(role);
      const vaultKey = await createKey(["vault:write"]);
      const admin = await browser.newPage({ baseURL: process.env.WARDEN_E2E_URL });
      for (const name of [target, doomed]) {
        const stored = await admin.request.post("/api/v1/secrets", { headers: bearer(vaultKey), data: { name, value: plaintext("api") } });
        expect(stored.status()).toBe(201);
      }
      await signIn(admin, ADMIN);
      await admin.goto(secretsPage);

      await row(admin, target).getByRole("button", { name: "Set new value" }).click();
      await admin.getByLabel("New value", { exact: true }).fill(adminValue);
      const storeRequest = admin.waitForRequest(isServerAction);
      await admin.getByRole("button", { name: "Save new value" }).click();
      calls.store = actionCall(await storeRequest);
      await expect(row(admin, target)).toContainText("v2 (2 versions)");

      await row(admin, doomed).getByRole("button", { name: "Delete" }).click();
      const removeRequest = admin.waitForRequest(isServerAction);
      await admin.getByRole("button", { name: "Delete secret" }).click();
      calls.remove = actionCall(await removeRequest);
      await expect(row(admin, doomed)).toHaveCount(0);
      await admin.close();
    });

    test.beforeEach(async ({ page }) => {
      await signIn(page, user);
      await expect(page.getByTestId("current-role")).toHaveText(label);
      await page.goto(secretsPage);
    });

    test("sees the secrets table without any control to change a secret, and a note that only admins manage them", async ({ page }, testInfo) => {
      await expect(page.getByTestId("read-only-note")).toContainText("Only admins manage secrets.");
      await expect(row(page, target)).toContainText("v2 (2 versions)");
      await expect(row(page, target)).toContainText("read");
      await expect(page.getByRole("region", { name: "New secret" })).toHaveCount(0);
      await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
      await expect(page.getByRole("main").locator("input, select, textarea")).toHaveCount(0);
      await expect(page.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
      await attachScreenshot(page, testInfo, `secrets-${label.toLowerCase()}`);
    });

    test("is refused by the server when replaying an admin's server-action requests", async ({ page }) => {
      const refusal = `Your role (${label}) does not allow this`;
      const newVersion = await replay(page, calls.store!);
      expect(newVersion.body).toContain(refusal);
      expect(newVersion.body).not.toContain(adminValue);
      const deletion = await replay(page, { ...calls.remove!, body: calls.remove!.body.replaceAll(doomed, target) });
      expect(deletion.body).toContain(refusal);

      await page.reload();
      await expect(row(page, target)).toContainText("v2 (2 versions)");
    });
  });
}
