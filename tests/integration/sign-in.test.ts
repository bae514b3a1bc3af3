import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, cli, randomSlug } from "../helpers/api";
import { signInOverHttp } from "../helpers/sign-in";
import { startTestServer, type TestServer } from "../helpers/test-server";

describe("human sign-in", () => {
  async function newUser() {
    const slug = randomSlug();
    const email = `${randomSlug("u")}@example.test`;
    await cli(["create-workspace", slug]);
    await cli(["create-user", "--email", email, "--password", "right-password", "--role", "VIEWER", "--workspace", slug]);
    return { slug, email };
  }

  it("signs in with the right password and reaches the workspace", async () => {
    const { slug, email } = await newUser();
    const result = await signInOverHttp(baseUrl(), email, "right-password");
    expect(result.isSignedIn).toBe(true);
    const page = await fetch(`${baseUrl()}/w/${slug}`, { headers: { cookie: result.cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
  });

  it("refuses a wrong password", async () => {
    const { email } = await newUser();
    const result = await signInOverHttp(baseUrl(), email, "wrong-password");
    expect(result.isSignedIn).toBe(false);
    expect(result.error).toBe("CredentialsSignin");
  });

  it("locks an email after five failed sign-ins, even against the right password", async () => {
    const { email } = await newUser();
    for (let i = 0; i < 5; i++) {
      expect((await signInOverHttp(baseUrl(), email, `wrong-${i}`)).isSignedIn).toBe(false);
    }
    const locked = await signInOverHttp(baseUrl(), email, "right-password");
    expect(locked.isSignedIn).toBe(false);
    expect(locked.error).toMatch(/Too many failed sign-ins/);
  });

  it("does not let a signed-in user into a workspace they are not a member of", async () => {
    const { email } = await newUser();
    const other = randomSlug();
    await cli(["create-workspace", other]);
    const { cookie } = await signInOverHttp(baseUrl(), email, "right-password");
    const page = await fetch(`${baseUrl()}/w/${other}`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(404);
  });

  it("redirects a signed-out visitor of a workspace page to sign-in", async () => {
    const page = await fetch(`${baseUrl()}/w/demo/settings/api-keys`, { redirect: "manual" });
    expect([303, 307, 308]).toContain(page.status);
    expect(page.headers.get("location")).toMatch(/\/signin\?callbackUrl=/);
  });
});

describe("single sign-on configuration", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        WARDEN_OIDC_ISSUER: "https://idp.example.test",
        WARDEN_OIDC_CLIENT_ID: "warden",
        WARDEN_OIDC_CLIENT_SECRET: "s3cret",
        WARDEN_OIDC_NAME: "Example SSO",
      },
    });
  });
  afterAll(async () => server?.stop());

  it("offers the OIDC provider when its three settings are set", async () => {
    const providers = (await (await fetch(`${server.url}/api/auth/providers`)).json()) as Record<string, { name: string }>;
    expect(Object.keys(providers).sort()).toEqual(["credentials", "oidc"]);
    expect(providers.oidc!.name).toBe("Example SSO");
    const page = await (await fetch(`${server.url}/signin`)).text();
    expect(page).toContain("Sign in with Example SSO");
  });
});
