// Shared steps of the audit export tests: members signed in over HTTP, downloads of an export
// and its manifest with the same query, and the offline verifier run as its own process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, inject, onTestFinished } from "vitest";
import { keyFromSeed } from "@/lib/audit/export/ed25519";
import type { Manifest } from "@/lib/audit/export/manifest";
import { baseUrl, cli, randomSlug } from "../helpers/api";
import { isPostgres } from "../helpers/databases";
import { runTsx } from "../helpers/processes";
import { signInOverHttp } from "../helpers/sign-in";
import { TEST_EXPORT_SIGNING_KEY } from "../helpers/test-server";

/** A directory removed when the current test finishes. */
function temporaryDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function member(slug: string, role: "ADMIN" | "REVIEWER" | "AUDITOR" | "VIEWER"): Promise<string> {
  const email = `${role.toLowerCase()}-${randomSlug()}@example.test`;
  await cli(["create-user", "--email", email, "--password", "export-test-password", "--role", role, "--workspace", slug]);
  const { isSignedIn, cookie } = await signInOverHttp(baseUrl(), email, "export-test-password");
  expect(isSignedIn).toBe(true);
  return cookie;
}

export const download = (cookie: string, slug: string, query: Record<string, string>, what: "" | "/manifest" = "") =>
  fetch(`${baseUrl()}/w/${slug}/audit/export${what}?${new URLSearchParams(query)}`, { headers: { cookie } });

export type Downloaded = { file: string; manifest: Manifest; manifestFile: string; filePath: string; through: string; headers: Headers };

/** Downloads an export, then its manifest for the same query and `through`, into a temp dir. */
export async function exportWithManifest(cookie: string, slug: string, query: Record<string, string>): Promise<Downloaded> {
  const response = await download(cookie, slug, query);
  expect(response.status, await response.clone().text()).toBe(200);
  const through = response.headers.get("x-warden-export-through")!;
  const file = await response.text();
  const manifestResponse = await download(cookie, slug, { ...query, through }, "/manifest");
  expect(manifestResponse.status).toBe(200);
  const manifestText = await manifestResponse.text();
  const dir = temporaryDir("warden-export-");
  const filePath = path.join(dir, `export.${query.format}`);
  const manifestFile = path.join(dir, "manifest.json");
  fs.writeFileSync(filePath, file);
  fs.writeFileSync(manifestFile, manifestText);
  return { file, manifest: JSON.parse(manifestText) as Manifest, filePath, manifestFile, through, headers: response.headers };
}

/** The server's export public key, known to the test independently of any manifest. */
export function serverPublicKey(): string {
  const seed = isPostgres() ? TEST_EXPORT_SIGNING_KEY : fs.readFileSync(path.join(inject("serverDataDir"), "export-signing.key"), "utf8").trim();
  return keyFromSeed(Buffer.from(seed, "base64")).publicKey;
}

/** `warden verify-export` in its own process, with no reachable database and an empty data dir. */
export function verifyOffline(filePath: string, manifestFile: string, extra: string[] = []) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: "postgresql://nobody:nothing@127.0.0.1:9/none",
    WARDEN_DATA_DIR: temporaryDir("warden-offline-"),
  };
  return runTsx("cli/warden.ts", ["verify-export", filePath, manifestFile, ...extra], env);
}
