// Helpers for integration tests: call the API of the server started by global-setup, and seed
// a fresh workspace (random slug) with an API key through the server's CLI endpoint, so test
// files can run in parallel without resetting the database.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { cliOn } from "./test-server";

export const baseUrl = () => inject("baseUrl");

export const cli = (argv: string[]): Promise<string[]> => cliOn({ url: baseUrl(), cliToken: inject("cliToken") }, argv);

export const randomSlug = (prefix = "t") => `${prefix}-${randomBytes(5).toString("hex")}`;

export async function createKey(slug: string, scopes: string[], extra: string[] = []): Promise<string> {
  const lines = await cli(["create-key", "--workspace", slug, "--name", `key-${randomSlug()}`, "--scopes", scopes.join(","), ...extra]);
  return lines.at(-1)!;
}

/** A new workspace with a key holding the given scopes (default: everything). */
export async function seedWorkspace(scopes: string[] = ["*"]): Promise<{ slug: string; key: string }> {
  const slug = randomSlug();
  await cli(["create-workspace", slug]);
  return { slug, key: await createKey(slug, scopes) };
}

type CallOptions = { key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> };

export async function api(method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const response = await fetch(`${baseUrl()}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, body: json as Record<string, unknown> & { [k: string]: any } };
}
