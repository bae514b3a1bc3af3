// Journey: an admin sets up the LLM gateway from the browser (a provider whose API key goes to
// the vault and never comes back, a model with prices, a price edit, a gateway key shown once,
// the store-bodies setting, a revocation), and a viewer sees the same page read-only.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { actionCall, isServerAction, replay, type ActionCall } from "./support/server-actions";
import { ADMIN, WORKSPACE, attachScreenshot, clickWhenHydrated, createUser, expect, signIn, test, toast, unique } from "./support/fixtures";

const gatewayPage = `/w/${WORKSPACE}/gateway`;
// A public address literal: saving a provider checks the address, and there is no DNS here.
const BASE_URL = "https://1.1.1.1/v1";
const expectToast = (page: Page, text: string) => expect(toast(page, "success").filter({ hasText: text })).toBeVisible();

/** The page as the server renders it for this browser's session, and as the browser shows it now. */
async function expectNotInThePage(page: Page, secret: string) {
  expect((await page.content()).includes(secret), "in the page's DOM").toBe(false);
  const html = await (await page.request.get(gatewayPage)).text();
  expect(html.includes(secret), "in the page's HTML").toBe(false);
}

test.describe.configure({ mode: "serial" });

const provider = unique("e2e").toLowerCase();
const model = unique("e2e-model");
const keyName = unique("e2e-gwkey");
/** The admin's "Issue key" and "store bodies on" requests, which the viewer's page sends again. */
let issueRequest: ActionCall | null = null;
let storeBodiesRequest: ActionCall | null = null;

test("an admin adds a provider and a priced model, issues a key shown once, stores bodies and revokes the key", async ({ page }, testInfo) => {
  const apiKey = `sk-e2e-${randomBytes(18).toString("base64url")}`;
  await signIn(page, ADMIN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gateway" }).click();
  await expect(page).toHaveURL(gatewayPage);

  await test.step("the provider's API key is stored in the vault and never shown again", async () => {
    const form = page.getByRole("form", { name: "Add or replace a provider" });
    await form.getByLabel("Name", { exact: true }).fill(provider);
    await form.getByLabel("Base URL", { exact: true }).fill(BASE_URL);
    await form.getByLabel("API key", { exact: true }).fill(apiKey);
    await form.getByRole("button", { name: "Save provider" }).click();
    await expectToast(page, `Saved provider ${provider}`);
    await expect(page.getByTestId(`provider-row-${provider}`)).toContainText("key stored in vault");
    await expect(form.getByLabel("API key", { exact: true })).toHaveValue("");
    await expectNotInThePage(page, apiKey);
    await page.reload();
    await expect(page.getByTestId(`provider-row-${provider}`)).toContainText(BASE_URL);
    await expectNotInThePage(page, apiKey);
  });

  await test.step("a model is added with its prices; a bad price is refused next to its field", async () => {
    const form = page.getByRole("form", { name: "Add a model" });
    await form.getByLabel("Model", { exact: true }).fill(model);
    await form.getByLabel("Provider", { exact: true }).selectOption(provider);
    await form.getByLabel("Input price (USD per 1M tokens)").fill("-1");
    await form.getByLabel("Output price (USD per 1M tokens)").fill("0.60");
    await clickWhenHydrated(form.getByRole("button", { name: "Add model" }));
    await expect(form.getByRole("alert").filter({ hasText: "Invalid input_price: must be 0 or more" })).toBeVisible();
    await expect(form.getByLabel("Input price (USD per 1M tokens)")).toHaveAttribute("aria-invalid", "true");

    await form.getByLabel("Input price (USD per 1M tokens)").fill("0.15");
    await form.getByRole("button", { name: "Add model" }).click();
    await expectToast(page, `Added model ${model}`);
    const row = page.getByTestId(`model-row-${model}`);
    await expect(row).toContainText("0.15 USD");
    await expect(row).toContainText("0.6 USD");
    await expect(row).toContainText("4,096");
  });

  await test.step("a price is edited in place", async () => {
    await page.getByTestId(`model-row-${model}`).getByRole("button", { name: `Edit ${model}` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit ${model}` });
    await dialog.getByLabel("Output price (USD per 1M tokens)").fill("0.75");
    await dialog.getByRole("button", { name: "Save model" }).click();
    await expectToast(page, `Updated model ${model}`);
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId(`model-row-${model}`)).toContainText("0.75 USD");
  });

  await test.step("a provider in use by a model cannot be deleted, and the page says why", async () => {
    await page.getByRole("button", { name: `Delete provider ${provider}` }).click();
    await expect(page.getByTestId("provider-delete-error")).toContainText(provider);
    await expect(page.getByTestId("provider-delete-error")).toContainText(/model/i);
    await expect(page.getByTestId(`provider-row-${provider}`)).toBeVisible();
  });

  await test.step("a gateway key is shown once, with the base URL, and is gone after a reload", async () => {
    const form = page.getByRole("form", { name: "Issue a gateway key" });
    await form.getByLabel("Name", { exact: true }).fill(keyName);
    await form.getByLabel("Agent id", { exact: true }).fill(unique("e2e-llm-agent"));
    await form.getByLabel("Token limit", { exact: true }).fill("50000");
    const sent = page.waitForRequest(isServerAction);
    await form.getByRole("button", { name: "Issue key" }).click();
    issueRequest = actionCall(await sent);
    await expectToast(page, `Issued gateway key ${keyName}`);
    const key = (await page.getByTestId("new-gateway-key").textContent()) ?? "";
    expect(key).toMatch(/^wgk_[A-Za-z0-9_-]{40,}$/);
    const baseUrl = new URL("/api/gateway/v1", page.url()).toString();
    await expect(page.getByTestId("gateway-base-url")).toHaveText(baseUrl);
    await expect(page.getByLabel("Python example")).toContainText(`OpenAI(base_url="${baseUrl}", api_key="${key}")`);
    await expect(page.getByLabel("Python example")).toContainText(`model="${model}"`);
    const row = page.getByTestId(`gateway-key-row-${keyName}`);
    await expect(row).toContainText("0 / 50,000");
    await expect(row).toContainText("Active");

    await page.reload();
    await expect(row).toBeVisible();
    await expect(page.getByTestId("new-gateway-key")).toHaveCount(0);
    await expectNotInThePage(page, key);
  });

  await test.step("storing bodies is off by default and survives a reload once turned on", async () => {
    const toggle = page.getByLabel("Store prompt and completion bodies (vault values redacted)");
    await expect(toggle).not.toBeChecked();
    const sent = page.waitForRequest(isServerAction);
    await clickWhenHydrated(toggle);
    storeBodiesRequest = actionCall(await sent);
    await expectToast(page, "Bodies of new calls are stored");
    await page.reload();
    await expect(toggle).toBeChecked();
    await clickWhenHydrated(toggle);
    await expectToast(page, "Bodies of new calls are no longer stored");
    await expect(toggle).not.toBeChecked();
  });

  await test.step("revoking asks first, then marks the key revoked", async () => {
    const row = page.getByTestId(`gateway-key-row-${keyName}`);
    await clickWhenHydrated(row.getByRole("button", { name: `Revoke ${keyName}` }));
    const dialog = page.getByRole("dialog", { name: `Revoke ${keyName}?` });
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await expectToast(page, `Revoked ${keyName}`);
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
    await attachScreenshot(page, testInfo, "gateway");
  });
});

test("a viewer sees providers, models and keys but no control that changes them", async ({ page }) => {
  await signIn(page, await createUser("VIEWER"));
  await page.goto(gatewayPage);
  await expect(page.getByTestId("read-only-note")).toBeVisible();
  await expect(page.getByTestId(`provider-row-${provider}`)).toContainText("key stored in vault");
  await expect(page.getByTestId(`model-row-${model}`)).toContainText("0.75 USD");
  await expect(page.getByLabel("Store prompt and completion bodies (vault values redacted)")).toBeDisabled();
  for (const name of ["Issue key", "Save provider", "Add model", /^Edit /, /^Delete /, /^Revoke /]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }

  // The server refuses the viewer too: the admin's request, sent again from the viewer's page.
  const otherName = unique("viewer-gwkey");
  const response = await replay(page, { ...issueRequest!, body: issueRequest!.body.replaceAll(keyName, otherName) });
  expect(response.body).toContain("Your role (Viewer) does not allow this");
  expect(response.body).not.toContain("wgk_");
  const settings = await replay(page, storeBodiesRequest!);
  expect(settings.body).toContain("Your role (Viewer) does not allow this");
  await page.reload();
  await expect(page.getByLabel("Store prompt and completion bodies (vault values redacted)")).not.toBeChecked();
  await expect(page.getByTestId(`gateway-key-row-${keyName}`)).toBeVisible();
  await expect(page.getByTestId(`gateway-key-row-${otherName}`)).toHaveCount(0);
});
