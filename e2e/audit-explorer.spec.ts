// Journey: an auditor's audit explorer. Filters live in the URL (shareable, kept on reload),
// text search finds an entry by its details, the drawer shows an entry's hashes and links to the
// previous entry, Verify now walks the whole chain chunk by chunk with visible progress, and
// only members who may export see the export links. The entries come from an agent's batch calls.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { isServerAction } from "./support/server-actions";
import { ADMIN, WORKSPACE, attachScreenshot, createKey, createUser, expect, signIn, test, unique } from "./support/fixtures";

const auditPage = `/w/${WORKSPACE}/audit`;
const BATCHES = 5;
const PER_BATCH = 900; // 4,500 entries: several pages of 50 and three chunks of 2,000
const agent = unique("e2e-explorer-agent");
const invoice = `INV-${randomBytes(5).toString("hex")}`;
// The agent's entries: the batches' and its session's creation.
const AGENT_ENTRIES = (BATCHES * PER_BATCH + 1).toLocaleString("en-US");
const BLOCKED = Array.from({ length: BATCHES * PER_BATCH }, (_, i) => i).filter((i) => i % 100 === 7).length;

async function api(path: string, key: string, body: unknown) {
  const response = await fetch(`${process.env.WARDEN_E2E_URL}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown>;
}

test.beforeAll(async () => {
  const key = await createKey(["sessions:write", "audit:write"]);
  const { session_id } = (await api("/api/v1/sessions", key, { agent_id: agent, scopes: ["read"] })) as { session_id: string };
  for (let b = 0; b < BATCHES; b++) {
    const events = Array.from({ length: PER_BATCH }, (_, j) => {
      const i = b * PER_BATCH + j;
      return {
        session_id,
        action: `explorer step ${i}`,
        tool: i % 2 ? "search" : "fetch",
        cost_usd: 0.01,
        details: i === 1234 ? { invoice, note: "the one to find" } : { i },
        ...(i % 100 === 7 ? { decision: "BLOCK" } : {}),
      };
    });
    await api("/api/v1/audit/batch", key, { events });
  }
});

const filterForm = (page: Page) => page.getByRole("form", { name: "Filter entries" });
const drawer = (page: Page) => page.getByRole("dialog");
const rows = (page: Page) => page.getByRole("table", { name: "Audit entries" }).locator("tbody tr");

async function applyFilters(page: Page, fields: { agent?: string; decision?: string; q?: string }) {
  const form = filterForm(page);
  if (fields.agent !== undefined) await form.getByLabel("Agent").fill(fields.agent);
  if (fields.decision !== undefined) await form.getByLabel("Decision").selectOption(fields.decision);
  if (fields.q !== undefined) await form.getByLabel("Text in action or details").fill(fields.q);
  await form.getByRole("button", { name: "Apply filters" }).click();
}

test.describe("an admin", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, ADMIN);
  });

  test("filters by agent and decision: the URL and the table follow, and a reload keeps the view", async ({ page }, testInfo) => {
    await page.goto(auditPage);
    await applyFilters(page, { agent, decision: "BLOCK" });
    await expect(page).toHaveURL(new RegExp(`agent=${agent}.*decision=BLOCK|decision=BLOCK.*agent=${agent}`));
    await expect(page.getByTestId("match-count")).toHaveText(`${BLOCKED} entries match these filters`);
    await expect(rows(page)).toHaveCount(BLOCKED);
    for (const row of await rows(page).all()) {
      await expect(row).toContainText(agent);
      await expect(row).toContainText("BLOCK");
    }
    await page.reload();
    await expect(page.getByTestId("match-count")).toHaveText(`${BLOCKED} entries match these filters`);
    await expect(filterForm(page).getByLabel("Agent")).toHaveValue(agent);
    await expect(filterForm(page).getByLabel("Decision")).toHaveValue("BLOCK");
    // Readable at a 1280 px laptop width: neither the page nor the table scrolls sideways.
    await page.goto(`${auditPage}?agent=${agent}`);
    const widths = await page.evaluate(() => {
      const table = document.querySelector("table")!.parentElement!;
      return { page: document.documentElement.scrollWidth, table: table.scrollWidth, tableBox: table.clientWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(1280);
    expect(widths.table).toBeLessThanOrEqual(widths.tableBox);
    await attachScreenshot(page, testInfo, "audit-explorer-filtered");
  });

  test("loads more pages of a long list with the button and by scrolling", async ({ page }) => {
    await page.goto(`${auditPage}?agent=${agent}`);
    await expect(page.getByTestId("match-count")).toHaveText(`${AGENT_ENTRIES} entries match these filters`);
    await expect(page.getByTestId("shown-count")).toContainText(`Showing 50 of ${AGENT_ENTRIES}`);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(page.getByTestId("shown-count")).toContainText(new RegExp(`Showing (100|150) of ${AGENT_ENTRIES}`));
    await page.getByTestId("shown-count").scrollIntoViewIfNeeded();
    await expect(page.getByTestId("shown-count")).toContainText(new RegExp(`Showing (1[5-9]\\d|[2-9]\\d\\d) of ${AGENT_ENTRIES}`));
    const seqs = await rows(page).locator("[data-entry-seq]").evaluateAll((links) => links.map((l) => Number(l.getAttribute("data-entry-seq"))));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  test("finds an entry by text in its details", async ({ page }) => {
    await page.goto(auditPage);
    await applyFilters(page, { q: invoice });
    await expect(page).toHaveURL(new RegExp(`q=${invoice}`));
    await expect(page.getByTestId("match-count")).toHaveText("1 entry matches these filters");
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText("explorer step 1234");
  });

  test("opens an entry in the drawer with its hashes; its previous hash is the previous entry's hash; a shared link opens it", async ({ page }) => {
    await page.goto(`${auditPage}?agent=${agent}`);
    const link = rows(page).nth(3).locator("[data-entry-seq]");
    const seq = Number(await link.getAttribute("data-entry-seq"));
    await link.click();
    await expect(page).toHaveURL(new RegExp(`entry=${seq}`));
    await expect(drawer(page)).toBeVisible();
    await expect(drawer(page).getByRole("heading", { level: 2 })).toContainText(`Entry seq ${seq}`);
    await expect(drawer(page).getByTestId("entry-details")).toContainText('"i":');
    const prevHash = await drawer(page).getByTestId("prev-hash").textContent();
    const hash = await drawer(page).getByTestId("entry-hash").textContent();
    expect(prevHash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    await drawer(page).getByRole("button", { name: `Open the previous entry (seq ${seq - 1})` }).click();
    await expect(page).toHaveURL(new RegExp(`entry=${seq - 1}`));
    await expect(drawer(page).getByRole("heading", { level: 2 })).toContainText(`Entry seq ${seq - 1}`);
    await expect(drawer(page).getByTestId("entry-hash")).toHaveText(prevHash!);

    await page.goto(`${auditPage}?agent=${agent}&entry=${seq}`);
    await expect(drawer(page)).toBeVisible();
    await expect(drawer(page).getByTestId("entry-hash")).toHaveText(hash!);
    await drawer(page).getByRole("link", { name: "Filter by this session" }).click();
    await expect(page).toHaveURL(/session=ses_/);
    await expect(drawer(page)).toBeHidden();
    await expect(page.getByTestId("match-count")).toHaveText(`${AGENT_ENTRIES} entries match these filters`);
  });

  test("opens an entry from the keyboard with Enter and closes it with Escape, back on its row", async ({ page }) => {
    await page.goto(`${auditPage}?agent=${agent}`);
    const link = rows(page).first().locator("[data-entry-seq]");
    const seq = await link.getAttribute("data-entry-seq");
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: new RegExp(`Entry seq ${seq}`) })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(drawer(page)).toBeHidden();
    await expect(page).not.toHaveURL(/entry=/);
    await expect(link).toBeFocused();
  });

  test("shows an empty state when nothing matches, and Clear filters brings every entry back", async ({ page }) => {
    await page.goto(auditPage);
    await applyFilters(page, { q: unique("nothing-has-this") });
    await expect(page.getByRole("heading", { name: "No entries match these filters" })).toBeVisible();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(auditPage);
    await expect(rows(page)).toHaveCount(50);
  });

  test("names the invalid field of a hand-edited URL instead of failing", async ({ page }) => {
    await page.goto(`${auditPage}?decision=MAYBE`);
    await expect(page.getByTestId("filter-error")).toContainText("decision");
    await expect(page.getByRole("heading", { name: "The filter is not valid" })).toBeVisible();
  });

  test("verifies the whole chain with visible progress, then says it is verified with the entry count", async ({ page }, testInfo) => {
    await page.goto(auditPage);
    // Hold the second chunk's answer until the first chunk's progress has been seen.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let chunks = 0;
    await page.route(`**${auditPage}**`, async (route) => {
      const request = route.request();
      if (isServerAction(request) && (request.postData() ?? "").includes('"size":2000') && ++chunks === 2) await gate;
      await route.continue();
    });
    await page.getByRole("button", { name: "Verify now" }).click();
    const progress = page.getByRole("progressbar", { name: "Verification progress" });
    await expect(progress).toHaveAttribute("aria-valuenow", "2000");
    const total = Number(await progress.getAttribute("aria-valuemax"));
    expect(total).toBeGreaterThanOrEqual(BATCHES * PER_BATCH);
    await expect(page.getByTestId("verify-progress")).toHaveText(`Verified 2,000 of ${total.toLocaleString("en-US")} entries`);
    await attachScreenshot(page, testInfo, "audit-verify-progress");
    release();
    const status = page.getByTestId("chain-status");
    await expect(status).toContainText("Chain verified", { timeout: 30_000 });
    const checked = Number((await status.textContent())!.match(/all ([\d,]+) entries/)![1]!.replaceAll(",", ""));
    expect(checked).toBeGreaterThanOrEqual(total);
    expect(chunks).toBeGreaterThanOrEqual(3);
    await expect(progress).toBeHidden();
  });
});

for (const [role, seesExports] of [["AUDITOR", true], ["VIEWER", false]] as const) {
  test(`${role.toLowerCase()} ${seesExports ? "sees" : "does not see"} the export links`, async ({ page }) => {
    await signIn(page, await createUser(role));
    await page.goto(`${auditPage}?agent=${agent}`);
    await expect(page.getByTestId("match-count")).toBeVisible();
    const csv = page.getByRole("link", { name: "Export CSV" });
    if (!seesExports) {
      await expect(csv).toHaveCount(0);
      await expect(page.getByRole("link", { name: /Manifest/ })).toHaveCount(0);
      return;
    }
    const href = new URL((await csv.getAttribute("href"))!, "http://x");
    expect(href.pathname).toBe(`${auditPage}/export`);
    expect(href.searchParams.get("format")).toBe("csv");
    expect(href.searchParams.get("agent")).toBe(agent);
    expect(Number(href.searchParams.get("through"))).toBeGreaterThan(BATCHES * PER_BATCH);
    await expect(page.getByRole("link", { name: "Export JSON Lines" })).toHaveAttribute("href", /format=jsonl/);
    await expect(page.getByRole("link", { name: "Manifest for the CSV export" })).toHaveAttribute("href", new RegExp(`^${auditPage}/export/manifest\\?format=csv`));
  });
}
