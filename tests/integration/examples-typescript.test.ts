// examples/auditor-export-verify.ts run as its own process, as an auditor runs it: the server's
// verification and the offline verification of the signed export must agree on the whole chain,
// and a tampered copy of the export must be rejected by the same verification.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { baseUrl, cli, createKey, randomSlug, seedWorkspace } from "../helpers/api";
import { ROOT, runTsx } from "../helpers/processes";
import { sdkClient } from "../helpers/sdk";
import { serverPublicKey } from "./audit-export-support";

const EXAMPLE = path.join(ROOT, "examples/auditor-export-verify.ts");
const PASSWORD = "auditor-example-password";
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const { slug, key } = await seedWorkspace();
  const agent = sdkClient(key);
  const { session_id } = await agent.createSession({ agentId: "audited-agent", scopes: ["spend"], spendLimit: 20 });
  await agent.logAction({ sessionId: session_id, action: "search", tool: "web", costUsd: 0.1, details: { query: "ünïcode, \"quotes\"" } });
  await agent.authorizePayment({ sessionId: session_id, amount: 12.5 });
  const email = `auditor-${randomSlug()}@example.test`;
  await cli(["create-user", "--email", email, "--password", PASSWORD, "--role", "AUDITOR", "--workspace", slug]);
  env = {
    ...process.env,
    WARDEN_BASE_URL: `${baseUrl()}/api`,
    WARDEN_API_KEY: await createKey(slug, ["audit:read"]),
    WARDEN_WORKSPACE: slug,
    WARDEN_AUDITOR_EMAIL: email,
    WARDEN_AUDITOR_PASSWORD: PASSWORD,
    WARDEN_EXPORT_PUBLIC_KEY: serverPublicKey(),
  };
});

function exportDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-example-"));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function runExample(args: string[], extraEnv: Record<string, string> = {}) {
  const run = await runTsx(EXAMPLE, args, { ...env, ...extraEnv });
  const line = run.stdout.split("\n").find((text) => text.startsWith("RESULT "));
  expect(line, `no RESULT line; stdout: ${run.stdout} stderr: ${run.stderr}`).toBeDefined();
  return { code: run.code, result: JSON.parse(line!.slice("RESULT ".length)) };
}

describe("examples/auditor-export-verify.ts", () => {
  it("verifies the chain on the server and its signed export offline, entry for entry", async () => {
    const { code, result } = await runExample([], { WARDEN_EXPORT_DIR: exportDir() });
    expect(result).toMatchObject({ verified: true, server: { verified: true }, offline: { first_seq: 1, warnings: [] } });
    expect(result.offline.entries).toBe(result.server.entries_checked);
    expect(result.offline.last_seq).toBe(result.server.entries_checked);
    expect(result.offline.summary).toMatch(/^OK: /);
    expect(code).toBe(0);
  });

  it("rejects a tampered copy of the export with the same verification, naming the entry", async () => {
    const dir = exportDir();
    const { result } = await runExample([], { WARDEN_EXPORT_DIR: dir });
    expect((await runExample(["--offline", result.files.export, result.files.manifest])).code).toBe(0);

    const lines = fs.readFileSync(result.files.export, "utf8").split("\n");
    const index = lines.findIndex((text) => text.includes('"action":"search"'));
    expect(index).toBeGreaterThan(-1);
    // An insider rewrites what the agent did, keeping the line well-formed.
    lines[index] = lines[index]!.replace('"action":"search"', '"action":"browse"');
    const tampered = path.join(dir, "tampered.jsonl");
    fs.writeFileSync(tampered, lines.join("\n"));

    const rejected = await runExample(["--offline", tampered, result.files.manifest]);
    expect(rejected.code).toBe(1);
    expect(rejected.result).toMatchObject({ verified: false, error: expect.stringMatching(/seq \d+/) });
  });

  it("fails with a clear message and exit code 1 when the auditor cannot sign in", async () => {
    const { code, result } = await runExample([], { WARDEN_AUDITOR_PASSWORD: "wrong-password" });
    expect(result).toMatchObject({ verified: false, error: expect.stringContaining("signing in as") });
    expect(code).toBe(1);
  });
});
