// Journey: an admin writes code-execution rules in the policy builder's "Code execution" section,
// sees a value the schema refuses named at its input, publishes, and the agent API's code gate
// (POST /api/v1/exec/evaluate) enforces what was published. The workspace is this file's own.
import type { APIRequestContext, Page } from "@playwright/test";
import { ADMIN, attachScreenshot, cli, clickWhenHydrated, expect, signIn, test, toast, unique } from "./support/fixtures";

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const expectToast = (page: Page, type: "success" | "error", text: string) => expect(toast(page, type).filter({ hasText: text })).toBeVisible();

type Verdict = { decision: string; reasons: { code: string; message: string }[]; runtime?: Record<string, unknown> };
async function evaluateCode(request: APIRequestContext, key: string, code: string): Promise<Verdict> {
  const session = await request.post("/api/v1/sessions", { headers: bearer(key), data: { agent_id: unique("coder"), scopes: ["execute"] } });
  expect(session.status()).toBe(201);
  const { session_id } = (await session.json()) as { session_id: string };
  const response = await request.post("/api/v1/exec/evaluate", { headers: bearer(key), data: { session_id, language: "python", code } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Verdict;
}

test("an admin denies the subprocess module and limits run time in the builder; the gate then blocks subprocess and constrains print(1)", async ({ page, request }, testInfo) => {
  const slug = unique("code-pol");
  await cli(["create-workspace", slug]);
  await cli(["create-user", "--email", ADMIN.email, "--password", ADMIN.password, "--role", "ADMIN", "--workspace", slug]);
  const key = (await cli(["create-key", "--workspace", slug, "--name", unique("coder-key"), "--scopes", "sessions:write,policies:write"])).at(-1)!;
  await signIn(page, ADMIN);
  const name = unique("No shelling out");

  await test.step("a new policy from scratch, allowing by default", async () => {
    await page.goto(`/w/${slug}/policies`);
    await page.getByRole("button", { name: "New policy" }).click();
    const dialog = page.getByRole("dialog", { name: "New policy" });
    await dialog.getByLabel("Name", { exact: true }).fill(name);
    await dialog.getByRole("button", { name: "Create policy" }).click();
    await expectToast(page, "success", `Created ${name}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await page.getByLabel("Default (no rule matches)").selectOption("ALLOW");
  });

  const section = page.getByRole("region", { name: "Code execution" });
  await test.step("the code section's refused value is named at its input", async () => {
    await expect(section).toContainText("Off: code is decided by the rules and the default only.");
    await section.getByRole("checkbox", { name: "Check code" }).check();
    await expect(section.getByLabel("On a violation (default BLOCK)")).toHaveValue("BLOCK");
    await expect(section.getByLabel("On a computed path or host (default ESCALATE)")).toHaveValue("ESCALATE");
    await section.getByLabel("Denied modules").fill("subprocess");
    await section.getByLabel("Time limit (seconds)").fill("10");
    await section.getByLabel("Max code bytes").fill("lots");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expectToast(page, "error", "Invalid code.max_code_bytes");
    await expect(section.locator("#code-max-code-bytes-error")).toContainText("Invalid code.max_code_bytes");
    await expect(section.getByLabel("Max code bytes")).toHaveAttribute("aria-invalid", "true");
  });

  await test.step("emptied, the field is left out and the draft is saved, then published", async () => {
    await section.getByLabel("Max code bytes").fill("");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expectToast(page, "success", `Saved the draft of ${name}`);
    await expect(section.getByRole("alert")).toHaveCount(0);
    const saved = await request.get(`/api/v1/policies/${page.url().split("/").at(-1)!}`, { headers: bearer(key) });
    expect(((await saved.json()) as { draft: { code: unknown } }).draft.code).toEqual({
      denied_modules: ["subprocess"],
      on_violation: "BLOCK",
      on_unknown_target: "ESCALATE",
      on_obfuscation: "BLOCK",
      on_parse_error: "BLOCK",
      runtime: { time_limit_s: 10 },
    });
    await page.getByRole("button", { name: "Publish…" }).click();
    await page.getByRole("dialog", { name: "Publish the draft as version 1?" }).getByRole("button", { name: "Publish version 1" }).click();
    await expectToast(page, "success", "Published version 1");
  });

  await test.step("reloaded, the builder shows the published code rules", async () => {
    await page.reload();
    await clickWhenHydrated(page.getByRole("tablist", { name: "Policy" }).getByRole("tab", { name: "Rules" }));
    await expect(section.getByRole("checkbox", { name: "Check code" })).toBeChecked();
    await expect(section.getByLabel("Denied modules")).toHaveValue("subprocess");
    await expect(section.getByLabel("Time limit (seconds)")).toHaveValue("10");
    await expect(section.getByLabel("Max code bytes")).toHaveValue("");
    await attachScreenshot(page, testInfo, "policy-code-section");
  });

  await test.step("the gate blocks code importing subprocess, naming the module, and constrains print(1) to 10 s", async () => {
    const blocked = await evaluateCode(request, key, 'import subprocess\nsubprocess.run(["ls"])');
    expect(blocked.decision).toBe("BLOCK");
    expect(blocked.reasons).toContainEqual(expect.objectContaining({ code: "DENIED_MODULE", message: expect.stringContaining("subprocess") }));
    const allowed = await evaluateCode(request, key, "print(1)");
    expect(allowed).toMatchObject({ decision: "CONSTRAIN", reasons: [{ code: "RUNTIME_CONSTRAINED" }], runtime: { time_limit_s: 10 } });
  });
});
