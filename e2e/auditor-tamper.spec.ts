// Journey: an auditor filters the trail, verifies the chain, exports a CSV with its manifest and
// the offline verifier accepts it. Then one row is altered in the database: "Verify now" fails
// and names that entry, and the verifier rejects a new export.
// The journey runs a server of its own, because it changes the database behind Warden's back:
// the server is stopped, the row is altered in its embedded database, and a new server starts on
// the same data directory.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { runTsx } from "../tests/helpers/processes";
import { startTestServer, type TestServer } from "../tests/helpers/test-server";
import { WORKSPACE, attachScreenshot, cliOn, expect, fillSignIn, test, unique } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

const agent = unique("e2e-audited-agent");
const invoice = `INV-${randomBytes(5).toString("hex")}`;
const auditor = { email: `${unique("auditor")}@warden.test`, password: "password123" };
let server: TestServer;
let tamperedSeq: number;

async function api(route: string, key: string, body: unknown) {
  const response = await fetch(`${server.url}${route}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown>;
}

async function signInOwn(page: Page) {
  await page.goto(`${server.url}/signin`);
  await fillSignIn(page, auditor);
  await expect(page).toHaveURL(`${server.url}/w/${WORKSPACE}`);
}

const auditPage = () => `${server.url}/w/${WORKSPACE}/audit`;

async function verifyNow(page: Page) {
  await page.goto(auditPage());
  await page.getByRole("button", { name: "Verify now" }).click();
  const status = page.getByTestId("chain-status");
  await expect(status).toContainText(/Chain verified|Verification failed/, { timeout: 30_000 });
  return status;
}

/** Downloads the export and its manifest through the explorer's links; returns the files. */
async function exportCsv(page: Page, dir: string, name: string) {
  await page.goto(`${auditPage()}?agent=${agent}`);
  const exportArea = page.getByRole("region", { name: "Export" });
  const [file] = await Promise.all([page.waitForEvent("download"), exportArea.getByRole("link", { name: "Export CSV" }).click()]);
  const [manifest] = await Promise.all([
    page.waitForEvent("download"),
    exportArea.getByRole("link", { name: "Manifest for the CSV export" }).click(),
  ]);
  const paths = { file: path.join(dir, `${name}.csv`), manifest: path.join(dir, `${name}.manifest.json`) };
  await file.saveAs(paths.file);
  await manifest.saveAs(paths.manifest);
  return paths;
}

const verifyExport = (paths: { file: string; manifest: string }) => runTsx("cli/warden.ts", ["verify-export", paths.file, paths.manifest]);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startTestServer();
  await cliOn(server, ["create-user", "--email", auditor.email, "--password", auditor.password, "--role", "AUDITOR", "--workspace", WORKSPACE]);
  const lines = await cliOn(server, ["create-key", "--workspace", WORKSPACE, "--name", unique("auditor-journey"), "--scopes", "sessions:write,audit:write"]);
  const key = lines.at(-1)!;
  const { session_id } = (await api("/api/v1/sessions", key, { agent_id: agent, scopes: ["read"] })) as { session_id: string };
  const events = Array.from({ length: 40 }, (_, i) => ({
    session_id,
    action: `reconcile ledger ${i}`,
    tool: i % 2 ? "ledger" : "mail",
    cost_usd: 0.25,
    details: i === 17 ? { invoice, amount: "120.00" } : { step: i },
    ...(i % 10 === 3 ? { decision: "BLOCK" } : {}),
  }));
  await api("/api/v1/audit/batch", key, { events });
});

test.afterAll(async () => {
  await server?.stop({ saveLogTo: test.info().outputPath("own-server.log") });
});

test("filters the trail, verifies the chain and exports a CSV that the offline verifier accepts", async ({ page }, testInfo) => {
  await signInOwn(page);
  await page.goto(auditPage());
  const form = page.getByRole("form", { name: "Filter entries" });
  await form.getByLabel("Agent").fill(agent);
  await form.getByLabel("Text in action or details").fill(invoice);
  await form.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${invoice}`));
  const rows = page.getByRole("table", { name: "Audit entries" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("reconcile ledger 17");
  await expect(rows.first(), "the actor is named, not only its id").toContainText("API key auditor-journey-");
  tamperedSeq = Number(await rows.first().getByRole("link", { name: /^Open entry seq/ }).getAttribute("data-entry-seq"));
  expect(tamperedSeq).toBeGreaterThan(1);
  await attachScreenshot(page, testInfo, "auditor-filtered-trail");

  const status = await verifyNow(page);
  await expect(status).toContainText("Chain verified");

  const dir = testInfo.outputPath("exports");
  fs.mkdirSync(dir, { recursive: true });
  const result = await verifyExport(await exportCsv(page, dir, "before"));
  expect(result.stderr).not.toContain("verify-export failed");
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/^OK: 41 entries/);
});

test("after a row is altered in the database, Verify now names the entry and the verifier rejects a new export", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  expect(tamperedSeq, "the first test found the entry to alter").toBeGreaterThan(1);
  await server.stop({ keepDataDir: true });
  const altered = await runTsx("tests/helpers/pglite-sql.ts", [
    path.join(server.dataDir, "pglite"),
    `UPDATE audit_events SET details = jsonb_set(details, '{amount}', '"12.00"')
      WHERE seq = $1 AND workspace_id = (SELECT id FROM workspaces WHERE slug = $2) RETURNING id`,
    JSON.stringify([tamperedSeq, WORKSPACE]),
  ]);
  expect(altered.code, altered.stderr).toBe(0);
  const [{ id: tamperedId }] = JSON.parse(altered.stdout) as { id: string }[];
  server = await startTestServer({ dataDir: server.dataDir });

  await signInOwn(page);
  const status = await verifyNow(page);
  await expect(status).toContainText(`Verification failed at seq ${tamperedSeq}`);
  await attachScreenshot(page, testInfo, "auditor-chain-broken");
  await status.getByRole("button", { name: `Open entry seq ${tamperedSeq}` }).click();
  await expect(page.getByRole("dialog")).toContainText(tamperedId);

  const dir = testInfo.outputPath("exports");
  fs.mkdirSync(dir, { recursive: true });
  const result = await verifyExport(await exportCsv(page, dir, "after"));
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain(`Entry ${tamperedId} (seq ${tamperedSeq}) was modified`);
});
