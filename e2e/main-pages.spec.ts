// Journey: every main page of the demo workspace, as an admin and as a viewer. Each renders its
// heading without an error, and its screenshot is saved as a test artifact. The viewer reads the
// same pages with the controls that change things left out (the server refuses them anyway:
// see viewer-refusals.spec.ts and each page's own journey).
import type { Page } from "@playwright/test";
import { ADMIN, WORKSPACE, attachScreenshot, createUser, expect, signIn, test } from "./support/fixtures";

const base = `/w/${WORKSPACE}`;

/** adminControl: a control that changes things, which an admin sees there and a viewer must not. */
type MainPage = { name: string; open: (page: Page) => Promise<void>; heading: string | RegExp; adminControl?: string };

const go = (path: string) => async (page: Page) => {
  await page.goto(`${base}${path}`);
};
/** A detail page, reached the way a person does: through its list. */
const follow = (list: string, link: RegExp) => async (page: Page) => {
  await page.goto(`${base}${list}`);
  await page.getByRole("main").getByRole("link", { name: link }).first().click();
};

const PAGES: MainPage[] = [
  { name: "overview", open: go(""), heading: "Demo workspace" },
  { name: "agents", open: go("/agents"), heading: "Agents" },
  { name: "agent", open: follow("/agents", /^researcher/i), heading: /researcher/i },
  { name: "sessions", open: go("/sessions"), heading: "Sessions", adminControl: "Revoke" },
  { name: "crews", open: go("/crews"), heading: "Crews", adminControl: "New crew" },
  { name: "crew", open: follow("/crews", /launch-crew/), heading: "launch-crew", adminControl: "Edit budget" },
  { name: "policies", open: go("/policies"), heading: "Policies", adminControl: "New policy" },
  { name: "approvals", open: go("/approvals"), heading: "Approvals", adminControl: "Review" },
  { name: "audit", open: go("/audit"), heading: "Audit trail", adminControl: "Export CSV" },
  { name: "secrets", open: go("/secrets"), heading: "Secrets" },
  { name: "gateway", open: go("/gateway"), heading: "LLM gateway", adminControl: "Issue key" },
  { name: "settings-members", open: go("/settings/members"), heading: "Settings" },
  { name: "settings-api-keys", open: go("/settings/api-keys"), heading: "Settings" },
];

const MUTATIONS = /^(New crew|Edit budget|Add member|Remove|Revoke|New policy|Approve|Deny|Review|Export CSV|Export JSON Lines|Store secret|Issue key|Save provider|Add model|Download PDF)(?![a-z])/;
/** Buttons and links of the page's main region whose names match. */
const controls = (page: Page, name: RegExp) =>
  page.getByRole("main").getByRole("button", { name }).or(page.getByRole("main").getByRole("link", { name }));

async function expectPage(page: Page, heading: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByText(/Application error|Something went wrong/)).toHaveCount(0);
}

test("an admin sees every main page; a screenshot of each is saved", async ({ page }, testInfo) => {
  await signIn(page, ADMIN);
  for (const { name, open, heading, adminControl } of [...PAGES, { name: "reports", open: go("/reports"), heading: /Reports|Compliance/, adminControl: "Download PDF" }]) {
    await test.step(name, async () => {
      await open(page);
      await expectPage(page, heading);
      if (adminControl) await expect(controls(page, new RegExp(`^${adminControl}`)).first()).toBeVisible();
      await attachScreenshot(page, testInfo, `admin-${name}`);
    });
  }
});

test("a viewer reads every main page, without the controls that change things", async ({ page }, testInfo) => {
  const viewer = await createUser("VIEWER");
  await signIn(page, viewer);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Audit", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Reports" })).toHaveCount(0);
  await expect(page.getByTestId("pending-approvals-badge")).toHaveCount(0);
  for (const { name, open, heading } of PAGES) {
    await test.step(name, async () => {
      await open(page);
      await expectPage(page, heading);
      await expect(controls(page, MUTATIONS)).toHaveCount(0);
      await attachScreenshot(page, testInfo, `viewer-${name}`);
    });
  }
});
