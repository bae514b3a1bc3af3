// Auditor exports over HTTP: CSV and JSON Lines of a filtered or unfiltered range, a signed
// manifest that matches the bytes, the offline verifier (a separate process, no database)
// passing them, roles, tenancy, bad parameters, a range over 5,000 entries, and secrets kept out.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { api, seedWorkspace } from "../helpers/api";
import { allAuditEntries, createSession, expectError, expectInvalid, logAction } from "../helpers/governance";
import { download, exportWithManifest, member, serverPublicKey, verifyOffline } from "./audit-export-support";

const SECRET_VALUE = "sk_live_never-export-me-4242";

async function workspaceWithTrail() {
  const { slug, key } = await seedWorkspace();
  const bot = await createSession(key, { agent_id: "bot", scopes: ["read", "secrets"] });
  const other = await createSession(key, { agent_id: "other-bot" });
  for (let i = 0; i < 3; i++) await logAction(key, { session_id: bot.session_id, action: `step ${i}`, tool: "search", cost_usd: 0.25, details: { i, note: 'a, "b"\nc' } });
  await logAction(key, { session_id: other.session_id, action: "other step", tool: "" });
  expect((await api("POST", "/api/v1/secrets", { key, body: { name: "stripe", value: SECRET_VALUE, scope_required: "secrets" } })).status).toBe(201);
  const read = await api("GET", `/api/v1/secrets/stripe?session_id=${bot.session_id}`, { key });
  expect(read.body).toMatchObject({ value: SECRET_VALUE });
  return { slug, key };
}

describe("GET /w/<slug>/audit/export and its manifest", () => {
  let slug: string;
  let key: string;
  let auditor: string;
  beforeAll(async () => {
    ({ slug, key } = await workspaceWithTrail());
    auditor = await member(slug, "AUDITOR");
  });

  it.each(["csv", "jsonl"])("gives an auditor an unfiltered %s export that the offline verifier accepts with the pinned key", async (format) => {
    const exported = await exportWithManifest(auditor, slug, { format });
    expect(exported.headers.get("content-disposition")).toBe(`attachment; filename="warden-audit-${slug}-${exported.through}.${format}"`);
    expect(exported.manifest).toMatchObject({
      format,
      workspace: { slug },
      filter: {},
      through_seq: Number(exported.through),
      first: { seq: 1 },
      last: { seq: Number(exported.through) },
      entry_count: Number(exported.through),
      chain_head: { seq: Number(exported.through), hash: exported.manifest.last!.entry_hash },
      signing: { algorithm: "Ed25519", public_key: serverPublicKey() },
    });
    const result = await verifyOffline(exported.filePath, exported.manifestFile, ["--public-key", serverPublicKey()]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^OK: ${exported.through} entries \\(seq 1\\.\\.${exported.through}\\) of workspace ${slug} .*unfiltered`));
  });

  it.each(["csv", "jsonl"])("exports a filtered %s range that verifies, and warns when no key is pinned", async (format) => {
    const exported = await exportWithManifest(auditor, slug, { format, agent: "bot", tool: "search" });
    expect(exported.manifest).toMatchObject({ filter: { agent: "bot", tool: "search" }, entry_count: 3 });
    const result = await verifyOffline(exported.filePath, exported.manifestFile);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^OK: 3 entries .* filter agent=bot&tool=search:/);
    expect(result.stderr).toContain(`signing key ${exported.manifest.signing.key_id} is asserted only by the manifest itself`);
  });

  it("fails the verifier with a non-zero exit naming the entry of a downloaded file changed afterwards", async () => {
    const exported = await exportWithManifest(auditor, slug, { format: "csv", agent: "bot" });
    const lines = exported.file.split("\r\n");
    lines[2] = lines[2]!.replace(',"wsp_', ',"wsp_X');
    fs.writeFileSync(exported.filePath, lines.join("\r\n"));
    const [, second] = exported.file.split("\r\n").slice(1).map((line) => line.split(",")[0]!.replaceAll('"', ""));
    const result = await verifyOffline(exported.filePath, exported.manifestFile);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(new RegExp(`^warden: verify-export failed: Entry ${second} \\(seq \\d+\\) was modified`, "m"));
  });

  it("keeps jsonb's text of details in the file, as the hash covers it", async () => {
    const { file } = await exportWithManifest(auditor, slug, { format: "jsonl", agent: "bot", tool: "search" });
    expect(file.split("\n")[0]).toContain(`"details":{"i": 0, "note": "a, \\"b\\"\\nc"}`);
  });

  it("records each export as an audit.exported event beyond the exported range", async () => {
    const exported = await exportWithManifest(auditor, slug, { format: "csv", decision: "NONE" });
    const events = (await allAuditEntries(key)).filter((e) => e.action === "audit.exported");
    const event = events.find((e) => e.details.file_sha256 === exported.manifest.file_sha256);
    expect(event).toMatchObject({
      actor_type: "user",
      details: { format: "csv", filter: { decision: "NONE" }, through_seq: Number(exported.through), entry_count: exported.manifest.entry_count },
    });
    expect(event!.seq).toBeGreaterThan(Number(exported.through));
  });

  it("lets an admin export too", async () => {
    const admin = await member(slug, "ADMIN");
    expect((await download(admin, slug, { format: "csv" })).status).toBe(200);
  });

  it("never puts a vault secret's value in either format", async () => {
    for (const format of ["csv", "jsonl"]) {
      const { file } = await exportWithManifest(auditor, slug, { format });
      expect(file).toContain("stripe");
      expect(file).not.toContain(SECRET_VALUE);
    }
  });

  it.each(["VIEWER", "REVIEWER"] as const)("refuses a %s with 403, for the file and the manifest", async (role) => {
    const cookie = await member(slug, role);
    for (const what of ["", "/manifest"] as const) {
      const response = await download(cookie, slug, { format: "csv" }, what);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "forbidden" });
    }
  });

  it("answers 404 for another workspace's slug and 401 when signed out", async () => {
    const { slug: otherSlug } = await seedWorkspace();
    expect((await download(auditor, otherSlug, { format: "csv" })).status).toBe(404);
    expect((await download(auditor, otherSlug, { format: "csv" }, "/manifest")).status).toBe(404);
    expect((await download("", slug, { format: "csv" })).status).toBe(401);
  });

  it.each([
    [{ format: "xml" }, "format"],
    [{}, "format"],
    [{ format: "csv", through: "abc" }, "through"],
    [{ format: "csv", through: "-1" }, "through"],
    [{ format: "csv", through: "999999" }, "through"],
    [{ format: "csv", decision: "MAYBE" }, "decision"],
    [{ format: "csv", flagged: "perhaps" }, "flagged"],
    [{ format: "csv", from: "yesterday-ish" }, "from"],
    [{ format: "jsonl", from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }, "to"],
  ])("answers 400 naming the field for %j", async (query, field) => {
    for (const what of ["", "/manifest"] as const) {
      const response = await download(auditor, slug, query as Record<string, string>, what);
      const body = await response.json();
      expectInvalid({ status: response.status, headers: response.headers, body }, field);
    }
  });
});

describe("an export of more than 5,000 entries", () => {
  it("streams in pages and still verifies end to end", async () => {
    const { slug, key } = await seedWorkspace();
    const { session_id } = await createSession(key, { agent_id: "bulk" });
    for (let batch = 0; batch < 6; batch++) {
      const events = Array.from({ length: 1000 }, (_, i) => ({ session_id, action: `bulk ${batch}-${i}`, tool: "bulk", cost_usd: 0.001, details: { batch, i } }));
      const res = await api("POST", "/api/v1/audit/batch", { key, body: { events } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const auditor = await member(slug, "AUDITOR");
    for (const format of ["jsonl", "csv"]) {
      const exported = await exportWithManifest(auditor, slug, { format });
      expect(exported.manifest.entry_count).toBeGreaterThan(6000);
      const result = await verifyOffline(exported.filePath, exported.manifestFile, ["--public-key", serverPublicKey()]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    }
  });
});

describe("the error format of the export routes", () => {
  it("answers JSON with a request id", async () => {
    const { slug } = await seedWorkspace();
    const auditor = await member(slug, "AUDITOR");
    const response = await download(auditor, slug, { format: "pdf" });
    expectError({ status: response.status, headers: response.headers, body: await response.json() }, 400, "invalid_request", { field: "format" });
  });
});
