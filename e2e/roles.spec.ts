// Journey: a viewer reads the workspace settings but cannot change them — the forms say so,
// and the server refuses even when the browser is tampered with to submit them anyway.
import type { Locator, Page } from "@playwright/test";
import { WORKSPACE, createKey, createUser, expect, signIn, test, toast, unique } from "./support/fixtures";

const settings = `/w/${WORKSPACE}/settings`;
const refusal = "Your role (Viewer) does not allow this";

/** What a user could do from the browser's developer tools: re-enable a disabled form. */
async function forceEnable(fieldset: Locator) {
  await fieldset.evaluate((element) => element.removeAttribute("disabled"));
  await expect(fieldset).toBeEnabled();
}

const createKeyForm = (page: Page) => page.getByRole("region", { name: "Create an API key" });
const inviteForm = (page: Page) => page.getByRole("region", { name: "Invite a member" });

test.describe("a viewer", () => {
  let viewer: { email: string; password: string };

  test.beforeAll(async () => {
    viewer = await createUser("VIEWER");
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page, viewer);
    await expect(page.getByTestId("current-role")).toHaveText("Viewer");
  });

  test("sees the API-key form disabled, with a note that only admins can create and revoke keys", async ({ page }) => {
    await page.goto(`${settings}/api-keys`);
    const form = createKeyForm(page);
    await expect(form.getByText("Only admins can create and revoke API keys.")).toBeVisible();
    await expect(form.getByLabel("Name", { exact: true })).toBeDisabled();
    await expect(form.getByRole("button", { name: "Create key" })).toBeDisabled();
  });

  test("is refused by the server when creating a key through a re-enabled form", async ({ page, request }) => {
    await page.goto(`${settings}/api-keys`);
    const form = createKeyForm(page);
    await forceEnable(form.locator("fieldset"));
    const name = unique("viewer-key");
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByRole("button", { name: "Create key" }).click();

    await expect(toast(page, "error")).toContainText(refusal);
    await expect(page.getByTestId("new-api-key")).toHaveCount(0);

    await page.reload();
    await expect(page.getByRole("heading", { name: "Keys", exact: true })).toBeVisible();
    await expect(page.getByText(name)).toHaveCount(0);
    const adminKey = await createKey(["keys:read"]);
    const response = await request.get("/api/v1/keys", { headers: { Authorization: `Bearer ${adminKey}` } });
    expect(response.status()).toBe(200);
    const { keys } = (await response.json()) as { keys: { name: string }[] };
    expect(keys.map((k) => k.name)).not.toContain(name);
  });

  test("sees the invite form and role selects disabled on the members page", async ({ page }) => {
    await page.goto(`${settings}/members`);
    const form = inviteForm(page);
    await expect(form.getByText("Only admins can invite members and change roles.")).toBeVisible();
    await expect(form.getByRole("button", { name: "Invite" })).toBeDisabled();
    await expect(page.getByLabel(`Role of ${viewer.email}`)).toBeDisabled();
  });

  test("is refused by the server when inviting a member through a re-enabled form", async ({ page }) => {
    await page.goto(`${settings}/members`);
    const form = inviteForm(page);
    await forceEnable(form.locator("fieldset"));
    const invitee = `${unique("invitee")}@warden.test`;
    await form.getByLabel("Email", { exact: true }).fill(invitee);
    await form.getByLabel("Role", { exact: true }).selectOption("ADMIN");
    await form.getByRole("button", { name: "Invite" }).click();

    await expect(toast(page, "error")).toContainText(refusal);
    await expect(page.getByTestId("invite-link")).toHaveCount(0);

    await page.reload();
    await expect(page.getByRole("table", { name: "Members" })).toBeVisible();
    await expect(page.getByText(invitee)).toHaveCount(0);
  });
});
