import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_PATTERNS, routePattern, UNMATCHED_ROUTE } from "@/lib/metrics/route-pattern";

/** Every route handler of the app, as a pattern: app/api/v1/sessions/[id]/route.ts → /api/v1/sessions/[id]. */
function routeFiles(dir = "app", prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === "route.ts" ? [prefix] : [];
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`; // (groups) are not in the URL
    return routeFiles(path.join(dir, entry.name), prefix + segment);
  });
}

describe("routePattern", () => {
  it("lists exactly the app's route handlers", () => {
    expect([...ROUTE_PATTERNS].sort()).toEqual(routeFiles().sort());
  });

  it("labels a path with ids by its pattern", () => {
    expect(routePattern("/api/v1/sessions/ses_01JABC")).toBe("/api/v1/sessions/[id]");
    expect(routePattern("/api/v1/sessions/ses_01JABC/check")).toBe("/api/v1/sessions/[id]/check");
    expect(routePattern("/api/v1/crews/crw_1/members/agent-7")).toBe("/api/v1/crews/[id]/members/[agent_id]");
    expect(routePattern("/w/acme/audit/export/manifest")).toBe("/w/[slug]/audit/export/manifest");
    expect(routePattern("/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
  });

  it("prefers a static segment over a dynamic one, as Next routes", () => {
    expect(routePattern("/api/v1/approvals/pending")).toBe("/api/v1/approvals/pending");
    expect(routePattern("/api/v1/approvals/apr_1")).toBe("/api/v1/approvals/[id]");
    expect(routePattern("/api/v1/audit/verify")).toBe("/api/v1/audit/verify");
  });

  it("does not mistake an id that spells a static segment for that segment", () => {
    expect(routePattern("/api/v1/sessions/check/check")).toBe("/api/v1/sessions/[id]/check");
    expect(routePattern("/api/v1/crews/members/members/members")).toBe("/api/v1/crews/[id]/members/[agent_id]");
  });

  it("gives every unknown path one label, so raw paths never become series", () => {
    for (const unknown of ["/api/v1/nothing", "/api/v1/sessions/a/b/c", "/api/v2/x", "/api/v1/sessions/%00/zzz"]) {
      expect(routePattern(unknown)).toBe(UNMATCHED_ROUTE);
    }
  });
});
