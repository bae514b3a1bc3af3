// Journey: an admin writes policies in the browser — from a preset, in the rule builder and as
// raw YAML — publishes them, compares and rolls back versions, exports and imports YAML, and
// tests a draft against past actions; the agent API enforces what was published. A viewer
// reads everything, and the server refuses the admin's requests when the viewer replays them.
// Each journey has its own workspace: simulation replays a workspace's whole recent trail.
import fs from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { parse, stringify } from "yaml";
import { ADMIN, attachScreenshot, cli, expect, fillSignIn, signIn, test, toast, unique } from "./support/fixtures";
import { actionCall, isServerAction, replay } from "./support/server-actions";

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const expectToast = (page: Page, type: "success" | "error", text: string) => expect(toast(page, type).filter({ hasText: text })).toBeVisible();

/** A fresh workspace with the test admin as ADMIN and an API key with the given scopes. */
async function seedWorkspace(scopes: string[]) {
  const slug = unique("pol");
  await cli(["create-workspace", slug]);
  await cli(["create-user", "--email", ADMIN.email, "--password", ADMIN.password, "--role", "ADMIN", "--workspace", slug]);
  const key = (await cli(["create-key", "--workspace", slug, "--name", unique("e2e-policies"), "--scopes", scopes.join(",")])).at(-1)!;
  return { slug, key };
}

type PolicyBody = { published_version: number | null; draft: Record<string, unknown>; published: Record<string, unknown> | null; draft_differs: boolean };
async function getPolicy(request: APIRequestContext, key: string, id: string): Promise<PolicyBody> {
  const response = await request.get(`/api/v1/policies/${id}`, { headers: bearer(key) });
  expect(response.status()).toBe(200);
  return (await response.json()) as PolicyBody;
}

async function evaluate(request: APIRequestContext, key: string, params: Record<string, unknown>) {
  const session = await request.post("/api/v1/sessions", { headers: bearer(key), data: { agent_id: unique("e2e-db-agent"), scopes: ["read"] } });
  expect(session.status()).toBe(201);
  const { session_id } = (await session.json()) as { session_id: string };
  const response = await request.post("/api/v1/evaluate", { headers: bearer(key), data: { session_id, kind: "tool_call", tool: "db.query", action: "select", params } });
  expect(response.status()).toBe(200);
  return (await response.json()) as { decision: string; reasons: { code: string }[] };
}

const tab = (page: Page, name: string) => page.getByRole("tablist", { name: "Policy" }).getByRole("tab", { name });
const rawEditor = (page: Page) => page.getByLabel(/^Draft as (YAML|JSON)$/);

test.describe("an admin", () => {
  test.describe.configure({ mode: "serial" });
  let ws: { slug: string; key: string };
  let policyId = "";
  const name = unique("DB guard");

  test.beforeAll(async () => {
    ws = await seedWorkspace(["sessions:write", "policies:write"]);
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page, ADMIN);
  });

  test("creates a policy from the balanced preset, adds a BLOCK rule in the builder and publishes it; the API then blocks that action", async ({ page, request }, testInfo) => {
    await page.goto(`/w/${ws.slug}/policies`);
    await expect(page.getByTestId("empty-state")).toContainText("No policies yet");

    await test.step("New policy from the balanced preset", async () => {
      await page.getByRole("button", { name: "New policy" }).click();
      const dialog = page.getByRole("dialog", { name: "New policy" });
      await dialog.getByRole("radio", { name: /Payments: balanced/ }).check();
      await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue("Payments: balanced");
      await dialog.getByLabel("Name", { exact: true }).fill(name);
      await dialog.getByRole("button", { name: "Create policy" }).click();
      await expectToast(page, "success", `Created ${name}`);
      await expect(page).toHaveURL(new RegExp(`/w/${ws.slug}/policies/pol_`));
      policyId = page.url().split("/").at(-1)!;
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expect(page.getByLabel("Max single payment")).toHaveValue("100");
      await expect(page.getByTestId("policy-status")).toContainText("Not published yet.");
    });

    const rule = page.getByRole("region", { name: "Rule 1", exact: true });
    await test.step("the builder's rule is refused with the reason next to its field, then saved", async () => {
      await page.getByRole("button", { name: "Add rule" }).click();
      await rule.getByLabel("Rule id", { exact: true }).fill("no-transactions");
      await expect(rule.getByLabel("Effect", { exact: true })).toHaveValue("BLOCK");
      await rule.getByRole("checkbox", { name: "tool_call" }).check();
      await rule.getByLabel("Tools", { exact: true }).fill("db.*");
      await rule.getByRole("button", { name: "Add condition" }).click();
      await rule.getByLabel("Condition 1 path").fill("table");
      // "lt" needs a number: the server names rules.0.when.0.value, shown at that input.
      await rule.getByLabel("Condition 1 operator").selectOption("lt");
      await rule.getByLabel("Condition 1 value").fill("transactions");
      await page.getByRole("button", { name: "Save draft" }).click();
      await expectToast(page, "error", "Invalid rules.0.when.0.value: must be a number for 'lt'");
      await expect(rule.getByRole("alert")).toHaveText("Invalid rules.0.when.0.value: must be a number for 'lt'");
      await expect(rule.getByLabel("Condition 1 value")).toHaveAttribute("aria-invalid", "true");

      await rule.getByLabel("Condition 1 operator").selectOption("equals");
      await rule.getByLabel("Reason code", { exact: true }).fill("NO_TRANSACTIONS");
      await rule.getByLabel("Reason message", { exact: true }).fill("The transactions table is off limits");
      await page.getByRole("button", { name: "Save draft" }).click();
      await expectToast(page, "success", `Saved the draft of ${name}`);
      await expect(rule.getByRole("alert")).toHaveCount(0);
      const saved = await getPolicy(request, ws.key, policyId);
      expect(saved.draft.rules).toEqual([
        {
          id: "no-transactions",
          kinds: ["tool_call"],
          tools: ["db.*"],
          when: [{ path: "table", op: "equals", value: "transactions" }],
          effect: "BLOCK",
          reason: { code: "NO_TRANSACTIONS", message: "The transactions table is off limits" },
        },
      ]);
    });

    await test.step("Publish asks first, then publishes version 1", async () => {
      await page.getByRole("button", { name: "Publish…" }).click();
      const dialog = page.getByRole("dialog", { name: "Publish the draft as version 1?" });
      await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
      await dialog.getByRole("button", { name: "Publish version 1" }).click();
      await expectToast(page, "success", "Published version 1");
      await expect(page.getByTestId("policy-status")).toContainText("Version 1 in force.");
      await attachScreenshot(page, testInfo, "policy-editor");
    });

    await test.step("the API blocks db.* on transactions, and allows other tables (balanced preset: default ALLOW)", async () => {
      expect(await evaluate(request, ws.key, { table: "transactions" })).toMatchObject({ decision: "BLOCK", reasons: [{ code: "NO_TRANSACTIONS" }] });
      expect((await evaluate(request, ws.key, { table: "users" })).decision).toBe("ALLOW");
    });

    await page.goto(`/w/${ws.slug}/policies`);
    const row = page.getByTestId(`policy-row-${policyId}`);
    await expect(row).toContainText(name);
    await expect(row).toContainText("all agents");
    await expect(row).toContainText("v1");
    await expect(row).not.toContainText("draft differs");
    await attachScreenshot(page, testInfo, "policies-list");
  });

  test("the raw editor names invalid fields as you type and refuses to save them, then saves the fixed YAML", async ({ page, request }) => {
    await page.goto(`/w/${ws.slug}/policies/${policyId}`);
    await tab(page, "YAML / JSON").click();
    const editor = rawEditor(page);
    const original = await editor.inputValue();
    expect(original).toContain("effect: BLOCK");

    await editor.fill(original.replace("effect: BLOCK", "effect: MAYBE"));
    const issues = page.getByTestId("raw-issues");
    await expect(issues).toContainText("rules.0.effect");
    await expect(editor).toHaveAttribute("aria-invalid", "true");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expectToast(page, "error", "Not saved: fix the 1 problem(s)");
    expect(((await getPolicy(request, ws.key, policyId)).draft.rules as { effect: string }[])[0]!.effect).toBe("BLOCK");

    await editor.fill(`${original}rules: [\n`);
    await expect(issues).toContainText(/YAML.*line \d+/);

    await editor.fill(original.replace("effect: BLOCK", "effect: ESCALATE"));
    await expect(page.getByTestId("raw-valid")).toBeVisible();
    await page.getByRole("button", { name: "Save draft" }).click();
    await expectToast(page, "success", `Saved the draft of ${name}`);
    const saved = await getPolicy(request, ws.key, policyId);
    expect(saved).toMatchObject({ published_version: 1, draft_differs: true, draft: { rules: [{ effect: "ESCALATE" }] } });

    // The builder shows what the raw editor saved.
    await tab(page, "Rules").click();
    await expect(page.getByRole("region", { name: "Rule 1", exact: true }).getByLabel("Effect", { exact: true })).toHaveValue("ESCALATE");
  });

  test("publishes version 2, shows its diff to version 1, and rolls back to version 1 as version 3", async ({ page, request }) => {
    await page.goto(`/w/${ws.slug}/policies/${policyId}`);
    await page.getByRole("button", { name: "Publish…" }).click();
    await page.getByRole("dialog", { name: "Publish the draft as version 2?" }).getByRole("button", { name: "Publish version 2" }).click();
    await expectToast(page, "success", "Published version 2");

    await tab(page, "Versions").click();
    const v2 = page.getByTestId("version-row-2");
    await expect(v2).toContainText("in force");
    await expect(v2).toContainText(ADMIN.email);
    await expect(page.getByTestId("version-row-1")).not.toContainText("in force");
    await v2.getByRole("button", { name: "Diff with previous" }).click();
    const diff = page.getByTestId("text-diff");
    await expect(diff).toContainText("version 1");
    await expect(diff.locator('[data-diff="removed"]')).toHaveText([/effect: BLOCK/]);
    await expect(diff.locator('[data-diff="added"]')).toHaveText([/effect: ESCALATE/]);

    const v1 = page.getByTestId("version-row-1");
    await v1.getByRole("button", { name: "Roll back to this version" }).click();
    const dialog = page.getByRole("dialog", { name: "Roll back to version 1?" });
    await expect(dialog).toContainText("published again as version 3");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await dialog.getByRole("button", { name: "Roll back to version 1" }).click();
    await expectToast(page, "success", "Rolled back to version 1: published as version 3");
    await expect(page.getByTestId("version-row-3")).toContainText("in force");

    const policy = await getPolicy(request, ws.key, policyId);
    const versions = (await (await request.get(`/api/v1/policies/${policyId}/versions`, { headers: bearer(ws.key) })).json()) as { versions: { version: number; document: unknown }[] };
    const first = versions.versions.find((v) => v.version === 1)!.document;
    expect(policy.published_version).toBe(3);
    expect(policy.published).toEqual(first);
    expect(policy.draft).toEqual(first);
    expect((await evaluate(request, ws.key, { table: "transactions" })).decision).toBe("BLOCK");
  });

  test("exports the draft as YAML that parses back to it, and imports a YAML file into the raw editor", async ({ page, request }) => {
    await page.goto(`/w/${ws.slug}/policies/${policyId}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export YAML" }).click()]);
    expect(download.suggestedFilename()).toMatch(/-draft\.yaml$/);
    const exported = parse(await fs.readFile((await download.path())!, "utf8")) as Record<string, unknown>;
    expect(exported).toEqual((await getPolicy(request, ws.key, policyId)).draft);

    const imported = { ...exported, description: "Imported from a file" };
    await tab(page, "YAML / JSON").click();
    await page.getByLabel("Import YAML file").setInputFiles({ name: "imported.yaml", mimeType: "application/yaml", buffer: Buffer.from(stringify(imported)) });
    await expectToast(page, "success", "Loaded imported.yaml");
    await expect(rawEditor(page)).toHaveValue(/description: Imported from a file/);
    await expect(page.getByTestId("raw-valid")).toBeVisible();
    await page.getByRole("button", { name: "Save draft" }).click();
    await expectToast(page, "success", `Saved the draft of ${name}`);
    expect((await getPolicy(request, ws.key, policyId)).draft).toEqual(imported);
  });
});

test.describe("an admin testing a draft", () => {
  test("sees that max_single 50 would have blocked the past payment of 80 (EXCEEDS_SINGLE_LIMIT)", async ({ page, request }, testInfo) => {
    const { slug, key } = await seedWorkspace(["sessions:write", "payments:write", "policies:write"]);
    const document = { name: unique("spend"), default: "ALLOW", payments: { max_single: 100 } };
    const created = await request.post("/api/v1/policies", { headers: bearer(key), data: document });
    expect(created.status()).toBe(201);
    const { policy_id } = (await created.json()) as { policy_id: string };
    expect((await request.post(`/api/v1/policies/${policy_id}/publish`, { headers: bearer(key), data: {} })).status()).toBe(201);
    const session = await request.post("/api/v1/sessions", { headers: bearer(key), data: { agent_id: "buyer", scopes: ["spend"] } });
    const { session_id } = (await session.json()) as { session_id: string };
    for (const amount of [30, 80]) {
      const paid = await request.post("/api/v1/payments/authorize", { headers: bearer(key), data: { session_id, amount, description: "supplies", recipient: `v${amount}@shop.example` } });
      expect(paid.status()).toBe(200);
    }

    await signIn(page, ADMIN);
    await page.goto(`/w/${slug}/policies/${policy_id}`);
    await page.getByLabel("Max single payment").fill("50");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expectToast(page, "success", "Saved the draft");

    await tab(page, "Test this draft").click();
    await expect(page.getByLabel("Actions to replay")).toHaveValue("1000");
    await page.getByRole("button", { name: "Test this draft" }).click();
    await expect(page.getByTestId("simulation-summary")).toHaveText("2 action(s) replayed, 1 decision(s) would change.");
    await expect(page.getByTestId("outcome-ALLOW").getByRole("cell")).toHaveText(["2", /^1/]);
    await expect(page.getByTestId("outcome-BLOCK").getByRole("cell")).toHaveText(["0", /^1/]);
    const changed = page.getByTestId("changed-action");
    await expect(changed).toHaveCount(1);
    await expect(changed).toContainText("buyer");
    await expect(changed).toContainText("payment");
    await expect(changed).toContainText("ALLOW → BLOCK");
    await expect(changed).toContainText("EXCEEDS_SINGLE_LIMIT");
    await attachScreenshot(page, testInfo, "policy-simulation");
  });
});


test.describe("a viewer", () => {
  test("sees policies read-only, and the server refuses the admin's save and publish requests replayed from the viewer's browser", async ({ browser, page, request }, testInfo) => {
    const { slug, key } = await seedWorkspace(["policies:write"]);
    const viewer = { email: `${unique("viewer")}@warden.test`, password: "password123" };
    await cli(["create-user", "--email", viewer.email, "--password", viewer.password, "--role", "VIEWER", "--workspace", slug]);
    const created = await request.post("/api/v1/policies", { headers: bearer(key), data: { name: unique("read me"), rules: [{ id: "no-shell", tools: ["shell.*"], effect: "BLOCK" }] } });
    const { policy_id } = (await created.json()) as { policy_id: string };

    // The admin's browser saves a new description and publishes; its requests are kept.
    const admin = await browser.newPage({ baseURL: process.env.WARDEN_E2E_URL });
    await signIn(admin, ADMIN);
    await admin.goto(`/w/${slug}/policies/${policy_id}`);
    await admin.getByLabel("Description", { exact: true }).first().fill("changed by the admin");
    const saveRequest = admin.waitForRequest(isServerAction);
    await admin.getByRole("button", { name: "Save draft" }).click();
    const save = actionCall(await saveRequest);
    await expectToast(admin, "success", "Saved the draft");
    await admin.getByRole("button", { name: "Publish…" }).click();
    const publishRequest = admin.waitForRequest(isServerAction);
    await admin.getByRole("button", { name: "Publish version 1" }).click();
    const publish = actionCall(await publishRequest);
    await expectToast(admin, "success", "Published version 1");
    await admin.close();
    // Back to the API's original description, so a replayed save would show.
    expect((await request.put(`/api/v1/policies/${policy_id}`, { headers: bearer(key), data: { ...(await getPolicy(request, key, policy_id)).draft, description: "original" } })).status()).toBe(200);

    await page.goto("/signin");
    await fillSignIn(page, viewer);
    await expect(page).toHaveURL(`/w/${slug}`);
    await page.goto(`/w/${slug}/policies`);
    await expect(page.getByTestId("read-only-note")).toContainText("Only admins edit and publish policies.");
    await expect(page.getByRole("button", { name: "New policy" })).toHaveCount(0);
    await page.getByRole("link", { name: /read me/ }).click();
    await expect(page.getByRole("button", { name: /Save draft|Publish|Add rule|Remove|Move/ })).toHaveCount(0);
    await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("readonly", "");
    await expect(page.getByRole("region", { name: "Rule 1", exact: true }).getByLabel("Effect", { exact: true })).toBeDisabled();
    await tab(page, "YAML / JSON").click();
    await expect(rawEditor(page)).toHaveAttribute("readonly", "");
    await expect(page.getByLabel("Import YAML file")).toHaveCount(0);
    await tab(page, "Versions").click();
    await expect(page.getByTestId("version-row-1")).toContainText("in force");
    await expect(page.getByRole("button", { name: /Roll back/ })).toHaveCount(0);
    await attachScreenshot(page, testInfo, "policy-viewer");

    const refusal = "Your role (Viewer) does not allow this";
    for (const call of [save, publish]) {
      const replayed = (await replay(page, call)).body;
      expect(replayed).toContain(refusal);
    }
    expect(await getPolicy(request, key, policy_id)).toMatchObject({ published_version: 1, draft: { description: "original" } });
  });
});
