// Browser security headers on every kind of response (a dashboard page, the sign-in page, an API
// route, a static asset), a fresh script nonce per page, HSTS only over https, and next-auth's
// cookie flags: Secure (with __Secure-/__Host- names) exactly when the public URL is https.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, cli, randomSlug } from "../helpers/api";
import { postgresUrl } from "../helpers/databases";
import { signInOverHttp } from "../helpers/sign-in";
import { startTestServer, type TestServer } from "../helpers/test-server";

const STATIC_HEADERS = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};
const PAGE_DIRECTIVES = ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"];

function expectStaticHeaders(response: Response, what: string) {
  for (const [name, value] of Object.entries(STATIC_HEADERS)) expect(response.headers.get(name), `${name} on ${what}`).toBe(value);
  expect(response.headers.get("permissions-policy"), what).toMatch(/camera=\(\)/);
  const policy = response.headers.get("content-security-policy") ?? "";
  for (const directive of PAGE_DIRECTIVES) expect(policy, what).toContain(directive);
  expect(policy, what).not.toContain("unsafe-eval");
  expect(policy, `${what}: scripts`).not.toMatch(/script-src[^;]*'unsafe-inline'/);
}

/** The page's CSP nonce, after checking every script tag of the HTML carries it. */
async function pageNonce(response: Response, what: string): Promise<string> {
  expect(response.status, what).toBe(200);
  expectStaticHeaders(response, what);
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  expect(nonce, what).toBeTruthy();
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, what).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
  return nonce!;
}

async function signedInMember(url: string, cliRun: (argv: string[]) => Promise<string[]>) {
  const slug = randomSlug();
  const email = `${randomSlug("u")}@example.test`;
  await cliRun(["create-workspace", slug]);
  await cliRun(["create-user", "--email", email, "--password", "right-password", "--role", "VIEWER", "--workspace", slug]);
  return { slug, ...(await signInOverHttp(url, email, "right-password")) };
}

describe("security headers over plain http", () => {
  it("are on the sign-in page, with a fresh script nonce per request, and no HSTS", async () => {
    const first = await fetch(`${baseUrl()}/signin`);
    const second = await fetch(`${baseUrl()}/signin`);
    const nonces = [await pageNonce(first, "/signin"), await pageNonce(second, "/signin")];
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(first.headers.get("strict-transport-security")).toBeNull();
    expect(first.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("are on a dashboard page and a prerenderable page (rendered per request for its nonce)", async () => {
    const { slug, cookie, isSignedIn } = await signedInMember(baseUrl(), cli);
    expect(isSignedIn).toBe(true);
    await pageNonce(await fetch(`${baseUrl()}/w/${slug}`, { headers: { cookie } }), "dashboard");
    await pageNonce(await fetch(`${baseUrl()}/api-docs`), "/api-docs");
  });

  it("are on API routes and static assets, with a policy allowing no inline script", async () => {
    const signIn = await (await fetch(`${baseUrl()}/signin`)).text();
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(signIn)?.[1];
    expect(asset).toBeTruthy();
    const responses = {
      "API route": await fetch(`${baseUrl()}/api/v1/webhooks`),
      "health route": await fetch(`${baseUrl()}/api/healthz`),
      "static asset": await fetch(`${baseUrl()}${asset}`),
    };
    expect(responses["API route"].status).toBe(401);
    expect(responses["static asset"].status).toBe(200);
    for (const [what, response] of Object.entries(responses)) {
      expectStaticHeaders(response, what);
      expect(response.headers.get("content-security-policy"), what).toContain("script-src 'self';");
      expect(response.headers.get("strict-transport-security"), what).toBeNull();
    }
  });

  it("include HSTS when a TLS-terminating proxy says the request came over https", async () => {
    const signIn = await (await fetch(`${baseUrl()}/signin`)).text();
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(signIn)?.[1];
    const headers = { "x-forwarded-proto": "https" };
    for (const path of ["/signin", "/api/v1/webhooks", asset!]) {
      const response = await fetch(`${baseUrl()}${path}`, { headers });
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=31536000");
    }
    const page = await fetch(`${baseUrl()}/signin`, { headers });
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("sign-in cookies are HttpOnly and SameSite=Lax, without Secure, when the public URL is http", async () => {
    const { setCookieLines, isSignedIn } = await signedInMember(baseUrl(), cli);
    expect(isSignedIn).toBe(true);
    const session = setCookieLines.find((line) => line.startsWith("next-auth.session-token="));
    expect(session).toBeTruthy();
    for (const line of setCookieLines) {
      expect(line).toMatch(/; HttpOnly/i);
      expect(line).toMatch(/; SameSite=Lax/i);
      expect(line).not.toMatch(/; Secure/i);
    }
  });
});

describe("a server whose public URL is https (behind a TLS-terminating proxy)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ databaseUrl: postgresUrl() || undefined, env: { NEXTAUTH_URL: "https://warden.example.test" } });
  });
  afterAll(async () => {
    await server?.stop({ saveLogTo: "test-results/security-headers-https-server.log" });
  });

  const cliOn = async (argv: string[]) => {
    const response = await fetch(`${server.url}/api/internal/cli`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-warden-cli-token": server.cliToken },
      body: JSON.stringify({ argv }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { lines: string[] }).lines;
  };

  it("sets Secure, HttpOnly, SameSite=Lax cookies with the __Secure- and __Host- prefixes on sign-in", async () => {
    const { slug, isSignedIn, setCookieLines, cookie } = await signedInMember(server.url, cliOn);
    expect(isSignedIn).toBe(true);
    const names = setCookieLines.map((line) => line.slice(0, line.indexOf("=")));
    expect(names).toContain("__Secure-next-auth.session-token");
    expect(names).toContain("__Host-next-auth.csrf-token");
    for (const line of setCookieLines) {
      expect(line).toMatch(/^__(Secure|Host)-/);
      expect(line).toMatch(/; Secure/i);
      expect(line).toMatch(/; HttpOnly/i);
      expect(line).toMatch(/; SameSite=Lax/i);
    }
    // The server reads the prefixed session cookie back: the member reaches the workspace.
    expect((await fetch(`${server.url}/w/${slug}`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
  });

  it("sends HSTS on pages without being told by a proxy header", async () => {
    const page = await fetch(`${server.url}/signin`);
    await pageNonce(page, "/signin over https");
    expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
