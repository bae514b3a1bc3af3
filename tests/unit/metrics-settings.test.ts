import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { authorizeScrape } from "@/lib/metrics/authorize-scrape";

const parse = (env: Record<string, string>) => parseConfig(env as NodeJS.ProcessEnv);

const TOKEN = "0123456789abcdef0123456789abcdef";
const bearer = (value: string) => new Headers({ authorization: `Bearer ${value}` });

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("WARDEN_METRICS_TOKEN", () => {
  it("is unset by default and when empty", () => {
    expect(parse({}).WARDEN_METRICS_TOKEN).toBeUndefined();
    expect(parse({ WARDEN_METRICS_TOKEN: " " }).WARDEN_METRICS_TOKEN).toBeUndefined();
  });

  it("refuses a token shorter than 16 characters, naming the setting", () => {
    expect(() => parse({ WARDEN_METRICS_TOKEN: "short" })).toThrow(ConfigError);
    expect(() => parse({ WARDEN_METRICS_TOKEN: "short" })).toThrow(/WARDEN_METRICS_TOKEN/);
    expect(parse({ WARDEN_METRICS_TOKEN: TOKEN }).WARDEN_METRICS_TOKEN).toBe(TOKEN);
  });
});

describe("authorizeScrape", () => {
  it("lets the configured bearer token through", () => {
    expect(() => authorizeScrape(bearer(TOKEN), TOKEN)).not.toThrow();
    expect(() => authorizeScrape(new Headers({ authorization: `bearer ${TOKEN}` }), TOKEN)).not.toThrow();
  });

  it("answers 404 when metrics are not configured, whatever is sent", () => {
    for (const headers of [new Headers(), bearer(TOKEN)]) {
      const error = refusal(() => authorizeScrape(headers, undefined));
      expect([error.status, error.code]).toEqual([404, "not_found"]);
    }
  });

  it("answers 401 to a missing, wrong, prefixed or extended token", () => {
    for (const headers of [new Headers(), bearer(""), bearer(`${TOKEN}0`), bearer(TOKEN.slice(1)), new Headers({ authorization: TOKEN }), new Headers({ "x-api-key": TOKEN })]) {
      const error = refusal(() => authorizeScrape(headers, TOKEN));
      expect([error.status, error.code]).toEqual([401, "unauthorized"]);
    }
  });
});
