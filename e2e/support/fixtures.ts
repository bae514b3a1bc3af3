// What every journey needs: the server's operator CLI, sign-in through the form, unique names,
// and screenshots attached to the report.
import { randomBytes } from "node:crypto";
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { cliOn, TEST_ADMIN } from "../../tests/helpers/test-server";

export { cliOn };

export { expect, test };

/** The admin that first-run seeding creates (the global setup starts the server with it). */
export const ADMIN = TEST_ADMIN;
export const WORKSPACE = "demo";

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

function serverEnv(name: "WARDEN_E2E_URL" | "WARDEN_E2E_CLI_TOKEN"): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite with \`npx playwright test\` (its global setup starts the server)`);
  return value;
}

/** Runs an operator command inside the server, e.g. ["create-user", "--email", ...]. */
export async function cli(argv: string[]): Promise<string[]> {
  return cliOn({ url: serverEnv("WARDEN_E2E_URL"), cliToken: serverEnv("WARDEN_E2E_CLI_TOKEN") }, argv);
}

export async function createUser(role: "ADMIN" | "REVIEWER" | "AUDITOR" | "VIEWER") {
  const user = { email: `${unique(role.toLowerCase())}@warden.test`, password: "password123" };
  await cli(["create-user", "--email", user.email, "--password", user.password, "--role", role, "--workspace", WORKSPACE]);
  return user;
}

/** A fresh API key for the demo workspace; the key itself is the CLI's last line. */
export async function createKey(scopes: string[]): Promise<string> {
  const lines = await cli(["create-key", "--workspace", WORKSPACE, "--name", unique("e2e-cli"), "--scopes", scopes.join(",")]);
  return lines.at(-1)!;
}

export async function fillSignIn(page: Page, user: { email: string; password: string }) {
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in through the form and waits for the workspace overview. */
export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/signin");
  await fillSignIn(page, user);
  await expect(page).toHaveURL(`/w/${WORKSPACE}`);
}

/** Saves a full-page screenshot in the test's output folder and attaches it to the report. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** Sonner's toasts: `type` is "error" or "success". */
export const toast = (page: Page, type: "error" | "success") => page.locator(`[data-sonner-toast][data-type="${type}"]`);

/**
 * Clicks a control once React has hydrated it. Right after a reload the server's HTML is visible
 * before its handlers are attached, and a click in between is lost (React sets its props on the
 * element when it hydrates it).
 */
export async function clickWhenHydrated(control: Locator) {
  await expect
    .poll(() => control.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactProps$"))), {
      message: "the control is hydrated",
    })
    .toBe(true);
  await control.click();
}
