// Journey: an admin routes an agent's model calls through Warden from the browser — a gateway
// key (shown once), a provider whose API key goes to the vault, and a model's prices.
import { ADMIN, WORKSPACE, attachScreenshot, createKey, expect, signIn, test, toast, unique } from "./support/fixtures";

const gatewayPage = `/w/${WORKSPACE}/settings/gateway`;

test("an admin issues a gateway key, adds a provider with a vault-held key and prices a model", async ({ page, request }, testInfo) => {
  const keyName = unique("writer-client");
  const agent = unique("writer");
  const provider = unique("prov").replace(/-/g, "_");
  const model = `${unique("vendor")}/chat-model`;
  const upstreamKey = `sk-e2e-${unique("secret")}`;
  await signIn(page, ADMIN);
  await page.goto(`/w/${WORKSPACE}/settings/api-keys`);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "LLM gateway" }).click();
  await expect(page).toHaveURL(gatewayPage);

  await test.step("the key is shown once; afterwards only its prefix is listed", async () => {
    await page.getByLabel("Key name").fill(keyName);
    await page.getByLabel("Agent id").fill(agent);
    await page.getByLabel("Token limit (optional)").fill("20000");
    await page.getByRole("button", { name: "Issue key" }).click();
    const dialog = page.getByRole("dialog", { name: `Your new gateway key “${keyName}”` });
    await expect(toast(page, "success")).toContainText(`Issued gateway key ${keyName}`);
    const key = (await dialog.getByTestId("new-gateway-key").textContent()) ?? "";
    expect(key).toMatch(/^wgk_[A-Za-z0-9_-]{43}$/);
    await dialog.getByRole("button", { name: "I have saved it" }).click();
    await page.reload();
    await expect(page.getByTestId(`gateway-key-${key.slice(0, 12)}`)).toContainText("0 of 20,000");
    expect(await page.content()).not.toContain(key.slice(12));
  });

  await test.step("the provider's API key is kept in the vault and never shown", async () => {
    await page.getByLabel("Provider name").fill(provider);
    await page.getByLabel("Base URL").fill("https://93.184.215.14/v1");
    await page.getByLabel("API key (kept in the vault)").fill(upstreamKey);
    await page.getByRole("button", { name: "Save provider" }).click();
    await expect(toast(page, "success")).toContainText(`Saved provider ${provider}`);
    await expect(page.getByRole("table", { name: "Providers" }).getByRole("row", { name: new RegExp(provider) })).toContainText("In the vault");
    expect(await page.content()).not.toContain(upstreamKey);
  });

  await test.step("the model's prices per million tokens are in the price table the API serves", async () => {
    await page.getByLabel("Model", { exact: true }).fill(model);
    await page.getByLabel("Provider", { exact: true }).selectOption(provider);
    await page.getByLabel("Input price per million tokens").fill("0.15");
    await page.getByLabel("Output price per million tokens").fill("0.6");
    await page.getByRole("button", { name: "Save model" }).click();
    await expect(page.getByTestId(`gateway-model-${model}`)).toContainText("0.15 / 0.6");
    const reader = await createKey(["gateway:read"]);
    const models = (await (await request.get("/api/v1/gateway/models", { headers: { Authorization: `Bearer ${reader}` } })).json()) as { models: { model: string }[] };
    expect(models.models).toContainEqual(expect.objectContaining({ model, provider, input_price: 0.15, output_price: 0.6 }));
  });
  await attachScreenshot(page, testInfo, "gateway-settings");
});
