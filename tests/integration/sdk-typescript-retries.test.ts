// The BUILT package (compiled here with its own tsconfig and the root's TypeScript, into a
// directory of this run so parallel projects do not overwrite each other's files) through a
// local proxy that fails on cue: retries reuse one Idempotency-Key so a POST whose reply was lost
// is applied once, 429 waits for Retry-After, and each kind of failure ends as its typed error.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type * as Sdk from "@/sdk/typescript/src/index";
import { baseUrl, seedWorkspace } from "../helpers/api";
import { flakyProxy, type Step } from "../helpers/flaky-proxy";
import { rejectionOf } from "../helpers/sdk";

let sdk: typeof Sdk;
let key: string;

/** Builds the package as `npm run sdk:build` does, into a temporary copy; returns its package.json's entry points. */
function buildPackage(packageDir: string) {
  const root = path.resolve(import.meta.dirname, "../..");
  fs.copyFileSync(path.join(root, "sdk/typescript/package.json"), path.join(packageDir, "package.json"));
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", path.join(root, "sdk/typescript"), "--outDir", path.join(packageDir, "dist")], { stdio: "inherit" });
  const { exports } = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { exports: { ".": { import: string; types: string } } };
  return { module: path.join(packageDir, exports["."].import), types: path.join(packageDir, exports["."].types) };
}

let typesFile: string;

beforeAll(async () => {
  const packageDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-sdk-"));
  const entry = buildPackage(packageDir);
  typesFile = entry.types;
  sdk = (await import(pathToFileURL(entry.module).href)) as typeof Sdk;
  key = (await seedWorkspace()).key;
  return () => fs.rmSync(packageDir, { recursive: true, force: true });
});

async function clientBehind(plan: Step[], options: Partial<Sdk.WardenClientOptions> = {}) {
  const proxy = await flakyProxy(baseUrl(), plan);
  return { client: new sdk.WardenClient({ apiKey: key, baseUrl: `${proxy.url}/api`, ...options }), seen: proxy.seen };
}

describe("the built @warden/sdk package", () => {
  it("builds, and its package.json entry points give type declarations and export the client, the errors and the tool wrappers", () => {
    expect(fs.existsSync(typesFile)).toBe(true);
    expect(Object.keys(sdk).sort()).toEqual(
      ["ApprovalDeniedError", "ApprovalTimeoutError", "AuthError", "ConflictError", "ConnectionError", "NotFoundError", "PermissionError", "PolicyBlockedError", "RateLimitError", "SDK_ROUTES", "ServerError", "TimeoutError", "ValidationError", "WardenClient", "WardenError", "governAiSdkTool", "governLangChainTool", "governedTool"].sort(),
    );
  });
});

describe("retries", () => {
  it("retries a POST whose reply was lost with the same Idempotency-Key, so the session is created once", async () => {
    const { client, seen } = await clientBehind(["forward-then-500", "500"]);
    const session = await client.createSession({ agentId: "retried" });
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((request) => request.idempotencyKey)).size).toBe(1);
    expect(seen[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    // The server replayed its first answer: the session the lost reply carried.
    expect(session.session_id).toBe((seen[0]!.forwardedBody as { session_id: string }).session_id);
  });

  it("sends a new Idempotency-Key for each new call", async () => {
    const { client, seen } = await clientBehind([]);
    await client.createSession({ agentId: "one" });
    await client.createSession({ agentId: "two" });
    expect(seen[0]!.idempotencyKey).not.toBe(seen[1]!.idempotencyKey);
  });

  it("retries dropped connections and 429 (after Retry-After), then succeeds", async () => {
    const { client, seen } = await clientBehind(["drop", "429"]);
    expect(await client.listSecrets()).toEqual([]);
    expect(seen.map((request) => request.path)).toEqual(["/api/v1/secrets", "/api/v1/secrets", "/api/v1/secrets"]);
  });

  it("raises ServerError with the failing reply's X-Request-ID once maxRetries is spent", async () => {
    const { client, seen } = await clientBehind(["500", "500", "500"], { maxRetries: 2 });
    const error = await rejectionOf(client.verifyAudit());
    expect(error).toBeInstanceOf(sdk.ServerError);
    expect(error).toMatchObject({ status: 500, code: "internal_error", requestId: "flaky-3" });
    expect(seen).toHaveLength(3);
  });

  it("raises RateLimitError with retryAfter when 429 persists", async () => {
    const { client } = await clientBehind(["429"], { maxRetries: 0 });
    await expect(client.listSecrets()).rejects.toMatchObject({ name: "RateLimitError", status: 429, retryAfter: 0 });
  });

  it("raises ConnectionError when connections keep dropping, and when nothing listens", async () => {
    const { client, seen } = await clientBehind(["drop", "drop"], { maxRetries: 1 });
    await expect(client.listSecrets()).rejects.toBeInstanceOf(sdk.ConnectionError);
    expect(seen).toHaveLength(2);
    const nowhere = new sdk.WardenClient({ apiKey: key, baseUrl: "http://127.0.0.1:9/api", maxRetries: 0 });
    const error = await rejectionOf<Error>(nowhere.getSession("ses_x"));
    expect(error).toBeInstanceOf(sdk.ConnectionError);
    expect(error.message).not.toContain(key);
  });

  it("raises TimeoutError when no answer arrives within timeoutMs", async () => {
    const { client } = await clientBehind(["hang"], { timeoutMs: 200, maxRetries: 0 });
    await expect(client.getSession("ses_x")).rejects.toMatchObject({ name: "TimeoutError", code: "timeout", status: 0 });
  });

  it("does not retry a refusal (4xx other than 429)", async () => {
    const { client, seen } = await clientBehind([]);
    await expect(client.getSession("ses_unknown")).rejects.toBeInstanceOf(sdk.NotFoundError);
    expect(seen).toHaveLength(1);
  });
});
