// Tests that need a server of their own (exact counters, several instances): seed a workspace
// through that server's CLI endpoint, and call its API.
import { randomSlug } from "./api";
import type { TestServer } from "./test-server";

async function cliOn(server: TestServer, argv: string[]): Promise<string[]> {
  const response = await fetch(`${server.url}/api/internal/cli`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-warden-cli-token": server.cliToken },
    body: JSON.stringify({ argv }),
  });
  const body = (await response.json()) as { lines?: string[]; error?: string };
  if (!response.ok) throw new Error(`cli ${argv.join(" ")} failed: ${response.status} ${body.error}`);
  return body.lines!;
}

/** A new workspace with a key holding every scope, created through `server`. */
export async function seedWorkspaceOn(server: TestServer): Promise<{ slug: string; key: string }> {
  const slug = randomSlug();
  await cliOn(server, ["create-workspace", slug]);
  const lines = await cliOn(server, ["create-key", "--workspace", slug, "--name", `key-${randomSlug()}`, "--scopes", "*"]);
  return { slug, key: lines.at(-1)! };
}

export async function callOn(baseUrl: string, key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
