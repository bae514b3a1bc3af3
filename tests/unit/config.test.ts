import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const parse = (env: Record<string, string>) => parseConfig(env as NodeJS.ProcessEnv);

const OIDC = {
  WARDEN_OIDC_ISSUER: "https://idp.example.test",
  WARDEN_OIDC_CLIENT_ID: "warden",
  WARDEN_OIDC_CLIENT_SECRET: "s3cret",
};

describe("parseConfig", () => {
  it("runs on the embedded database in ./data with no settings at all", () => {
    const cfg = parse({});
    expect(cfg.isEmbedded).toBe(true);
    expect(cfg.DATABASE_URL).toBeUndefined();
    expect(cfg.dataDir).toBe(path.resolve("./data"));
    expect(cfg.pgliteDir).toBe(path.join(path.resolve("./data"), "pglite"));
    expect(cfg.PORT).toBe(3000);
    expect(cfg.NODE_ENV).toBe("development");
    expect(cfg.WARDEN_LOG_LEVEL).toBe("info");
    expect(cfg.oidc).toBeNull();
    expect(cfg.WARDEN_ADMIN_EMAIL).toBeUndefined();
    expect(cfg.NEXTAUTH_SECRET).toBeUndefined();
  });

  it("selects PostgreSQL for a postgres:// or postgresql:// DATABASE_URL", () => {
    for (const url of ["postgres://u:p@db:5432/warden", "postgresql://u:p@127.0.0.1/warden"]) {
      const cfg = parse({ DATABASE_URL: url });
      expect(cfg.isEmbedded).toBe(false);
      expect(cfg.DATABASE_URL).toBe(url);
    }
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parse({ DATABASE_URL: "" }).isEmbedded).toBe(true);
    expect(parse({ DATABASE_URL: "   " }).isEmbedded).toBe(true);
  });

  it("refuses a DATABASE_URL that is not PostgreSQL, naming the setting", () => {
    for (const url of ["mysql://u:p@db/warden", "file:./dev.db", "localhost:5432/warden"]) {
      expect(() => parse({ DATABASE_URL: url })).toThrow(ConfigError);
      expect(() => parse({ DATABASE_URL: url })).toThrow(/DATABASE_URL/);
    }
  });

  it("resolves WARDEN_DATA_DIR to an absolute path and keeps PGlite inside it", () => {
    const cfg = parse({ WARDEN_DATA_DIR: "var/warden" });
    expect(cfg.dataDir).toBe(path.resolve("var/warden"));
    expect(cfg.pgliteDir).toBe(path.resolve("var/warden", "pglite"));
  });

  it("treats an empty WARDEN_DATA_DIR like an unset one instead of using the working directory", () => {
    expect(parse({ WARDEN_DATA_DIR: "" }).dataDir).toBe(path.resolve("./data"));
  });

  it("reads PORT as an integer and refuses ports out of range or not numbers", () => {
    expect(parse({ PORT: "8080" }).PORT).toBe(8080);
    for (const port of ["0", "65536", "http", "80.5", "-1"]) {
      expect(() => parse({ PORT: port }), port).toThrow(/PORT/);
    }
  });

  it("refuses an unknown NODE_ENV or log level", () => {
    expect(() => parse({ NODE_ENV: "staging" })).toThrow(/NODE_ENV/);
    expect(() => parse({ WARDEN_LOG_LEVEL: "verbose" })).toThrow(/WARDEN_LOG_LEVEL/);
  });

  it("refuses a NEXTAUTH_SECRET shorter than 32 characters", () => {
    expect(() => parse({ NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET/);
    expect(parse({ NEXTAUTH_SECRET: "x".repeat(32) }).NEXTAUTH_SECRET).toBe("x".repeat(32));
  });

  it("refuses an admin email that is not an email and a password under 8 characters", () => {
    expect(() => parse({ WARDEN_ADMIN_EMAIL: "admin" })).toThrow(/WARDEN_ADMIN_EMAIL/);
    expect(() => parse({ WARDEN_ADMIN_PASSWORD: "1234567" })).toThrow(/WARDEN_ADMIN_PASSWORD/);
  });

  it("lists every problem at once", () => {
    expect(() => parse({ PORT: "x", DATABASE_URL: "mysql://x" })).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
  });

  it("enables single sign-on when issuer, client id and client secret are all set", () => {
    const cfg = parse({ ...OIDC, WARDEN_OIDC_NAME: "Example SSO" });
    expect(cfg.oidc).toEqual({
      issuer: "https://idp.example.test",
      clientId: "warden",
      clientSecret: "s3cret",
      name: "Example SSO",
    });
    expect(parse(OIDC).oidc?.name).toBe("SSO");
  });

  it.each(Object.keys(OIDC))("refuses single sign-on settings without %s", (missing) => {
    const partial: Record<string, string> = { ...OIDC };
    delete partial[missing];
    expect(() => parse(partial)).toThrow(ConfigError);
    expect(() => parse(partial)).toThrow(/must be set together/);
  });

  it.each(Object.keys(OIDC))("refuses %s alone", (only) => {
    expect(() => parse({ [only]: OIDC[only as keyof typeof OIDC] })).toThrow(/must be set together/);
  });

  it("refuses an OIDC issuer that is not a URL", () => {
    expect(() => parse({ ...OIDC, WARDEN_OIDC_ISSUER: "idp.example.test" })).toThrow(/WARDEN_OIDC_ISSUER/);
  });

  it("refuses private webhook targets unless WARDEN_WEBHOOK_ALLOW_PRIVATE is true or 1, and refuses other values", () => {
    expect(parse({}).WARDEN_WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(parse({ WARDEN_WEBHOOK_ALLOW_PRIVATE: "" }).WARDEN_WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(parse({ WARDEN_WEBHOOK_ALLOW_PRIVATE: "false" }).WARDEN_WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(parse({ WARDEN_WEBHOOK_ALLOW_PRIVATE: "0" }).WARDEN_WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(parse({ WARDEN_WEBHOOK_ALLOW_PRIVATE: "true" }).WARDEN_WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(parse({ WARDEN_WEBHOOK_ALLOW_PRIVATE: "1" }).WARDEN_WEBHOOK_ALLOW_PRIVATE).toBe(true);
    for (const value of ["yes", "TRUE ", "on"]) {
      expect(() => parse({ WARDEN_WEBHOOK_ALLOW_PRIVATE: value })).toThrow(/WARDEN_WEBHOOK_ALLOW_PRIVATE: must be "true" or "false"/);
    }
  });
});
