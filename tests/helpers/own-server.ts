// Tests that need a server of their own (exact counters, several instances): seed a workspace
// through that server's CLI endpoint, and call its API.
import { randomSlug } from "./api";
import { cliOn, type TestServer } from "./test-server";

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
