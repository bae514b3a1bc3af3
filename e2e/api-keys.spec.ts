// Journey: an admin gives an agent an API key, the agent uses it, and the admin revokes it.
import type { Page } from "@playwright/test";
import { ADMIN, WORKSPACE, attachScreenshot, createKey, expect, signIn, test, toast, unique } from "./support/fixtures";

const apiKeysPage = `/w/${WORKSPACE}/settings/api-keys`;
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** Clears the scope checkboxes (the form preselects a few). */
async function uncheckAll(page: Page) {
  const checked = page.getByRole("checkbox", { checked: true });
  while ((await checked.count()) > 0) await checked.first().uncheck();
}

test.describe("API keys", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ADMIN);
  });

  test("a new key is shown once, authenticates the agent API, and afterwards only its prefix is listed", async (
    { page, context, request, baseURL },
    testInfo,
  ) => {
    const name = unique("research-crew");
    const chosenScopes = ["audit:write", "keys:read"];
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }).click();
    await expect(page).toHaveURL(apiKeysPage);

    await page.getByLabel("Name", { exact: true }).fill(name);
    await uncheckAll(page);
    for (const scope of chosenScopes) await page.getByLabel(scope, { exact: true }).check();
    await page.getByRole("button", { name: "Create key" }).click();

    const dialog = page.getByRole("dialog", { name: `Your new key “${name}”` });
    await expect(dialog).toBeVisible();
    await expect(toast(page, "success")).toContainText(`Created key ${name}`);
    const key = (await dialog.getByTestId("new-api-key").textContent()) ?? "";
    expect(key).toMatch(/^wdn_[A-Za-z0-9_-]{43}$/);
    const prefix = key.slice(0, "wdn_".length + 8);

    await test.step("the Copy button puts the key on the clipboard", async () => {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
      await dialog.getByRole("button", { name: "Copy" }).click();
      await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    });

    await test.step("once dismissed, the key is gone from the page, and a reload does not bring it back", async () => {
      await dialog.getByRole("button", { name: "I have saved it" }).click();
      await expect(dialog).toBeHidden();
      await page.reload();
      const row = page.getByTestId(`key-row-${prefix}`);
      await expect(row).toContainText(name);
      await expect(row).toContainText(`${prefix}…`);
      for (const scope of chosenScopes) await expect(row).toContainText(scope);
      await expect(row).not.toContainText("sessions:");
      await expect(row).toContainText("Active");
      await expect(page.getByTestId("new-api-key")).toHaveCount(0);
      expect(await page.content()).not.toContain(key.slice(prefix.length));
      await attachScreenshot(page, testInfo, "api-keys");
    });

    await test.step("the key authenticates GET /api/v1/keys", async () => {
      const response = await request.get("/api/v1/keys", { headers: bearer(key) });
      expect(response.status()).toBe(200);
      const body = (await response.json()) as { count: number; keys: { prefix: string; name: string; scopes: string[] }[] };
      expect(body.count).toBe(body.keys.length);
      const listed = body.keys.find((k) => k.prefix === prefix);
      expect(listed?.name).toBe(name);
      expect([...(listed?.scopes ?? [])].sort()).toEqual([...chosenScopes].sort());
      expect(JSON.stringify(body)).not.toContain(key);
    });
  });

  test("revoking a key (Revoke, then Confirm revoke) marks it Revoked and the API then answers 401", async ({ page, request }) => {
    const key = await createKey(["keys:read"]);
    const prefix = key.slice(0, "wdn_".length + 8);
    expect((await request.get("/api/v1/keys", { headers: bearer(key) })).status()).toBe(200);

    await page.goto(apiKeysPage);
    const row = page.getByTestId(`key-row-${prefix}`);
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: "Revoke" }).click();
    await row.getByRole("button", { name: "Confirm revoke" }).click();

    await expect(row).toContainText("Revoked");
    await expect(toast(page, "success")).toContainText(`Revoked ${prefix}…`);
    await expect(row.getByRole("button")).toHaveCount(0);
    expect((await request.get("/api/v1/keys", { headers: bearer(key) })).status()).toBe(401);
  });

  test("a key without any scope is refused, with the reason next to the form", async ({ page }) => {
    await page.goto(apiKeysPage);
    const name = unique("no-scopes");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await uncheckAll(page);
    await page.getByRole("button", { name: "Create key" }).click();

    await expect(page.getByRole("alert").filter({ hasText: "Invalid scopes: must name at least one scope" })).toBeVisible();
    await expect(page.getByTestId("new-api-key")).toHaveCount(0);
    await expect(page.getByRole("table", { name: "API keys" }).getByText(name)).toHaveCount(0);
  });
});
