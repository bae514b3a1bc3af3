// Journey: the Content-Security-Policy (a script nonce per page) does not break the UI. The
// browser reports every violation; signing in through the form (a script-driven fetch) and every
// main page must run without one.
import type { Page } from "@playwright/test";
import { ADMIN, WORKSPACE, expect, signIn, test } from "./support/fixtures";

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

const PAGES = ["", "/agents", "/sessions", "/crews", "/policies", "/approvals", "/audit", "/secrets", "/reports", "/settings/members", "/settings/api-keys"];

/** Collects the page's CSP violations from the browser's own event and its console. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.cspViolations!.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

const violationsIn = (page: Page) => page.evaluate(() => window.cspViolations ?? []);

test("the pages run under the Content-Security-Policy without a violation", async ({ page }) => {
  test.setTimeout(180_000); // a dozen pages, each until the network is idle
  const consoleViolations = await watchViolations(page);
  await signIn(page, ADMIN);
  for (const path of PAGES) {
    const response = await page.goto(`/w/${WORKSPACE}${path}`);
    expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await expect(page.getByRole("heading").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await violationsIn(page), path).toEqual([]);
  }
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "Warden agent API" })).toBeVisible();
  expect(await violationsIn(page)).toEqual([]);
  expect(consoleViolations).toEqual([]);
});
