import { describe, expect, it } from "vitest";
import { canDelegate, grantingScopes, hasScope, KNOWN_SCOPES, RESOURCES, requirableScopes, scopeGrants, ScopeSchema } from "@/lib/auth/scopes";

describe("scopeGrants", () => {
  it("grants a scope to a key holding exactly that scope", () => {
    expect(scopeGrants("keys:read", "keys:read")).toBe(true);
    expect(scopeGrants("audit:write", "audit:write")).toBe(true);
  });

  it("grants every scope of every resource to '*'", () => {
    for (const resource of RESOURCES) {
      expect(scopeGrants("*", `${resource}:read`)).toBe(true);
      expect(scopeGrants("*", `${resource}:write`)).toBe(true);
    }
  });

  it("grants read and write on a resource to '<resource>:*', and nothing on another resource", () => {
    expect(scopeGrants("keys:*", "keys:read")).toBe(true);
    expect(scopeGrants("keys:*", "keys:write")).toBe(true);
    expect(scopeGrants("keys:*", "sessions:read")).toBe(false);
    expect(scopeGrants("keys:*", "sessions:write")).toBe(false);
  });

  it("lets write imply read on the same resource", () => {
    expect(scopeGrants("vault:write", "vault:read")).toBe(true);
  });

  it("does not let read imply write", () => {
    expect(scopeGrants("vault:read", "vault:write")).toBe(false);
  });

  it("does not let write on one resource imply read on another", () => {
    expect(scopeGrants("vault:write", "audit:read")).toBe(false);
  });

  it("does not grant on a prefix match of the resource name", () => {
    expect(scopeGrants("key:read", "keys:read")).toBe(false);
    expect(scopeGrants("keys:readx", "keys:read")).toBe(false);
  });
});

describe("hasScope", () => {
  it("grants when any held scope grants", () => {
    expect(hasScope(["audit:read", "keys:write"], "keys:read")).toBe(true);
  });

  it("refuses a key with no scopes", () => {
    expect(hasScope([], "keys:read")).toBe(false);
  });

  it("refuses when no held scope grants", () => {
    expect(hasScope(["audit:read", "sessions:*"], "keys:read")).toBe(false);
  });
});

describe("canDelegate", () => {
  it("lets a '*' key hand out any scope, including '*'", () => {
    for (const scope of KNOWN_SCOPES) expect(canDelegate(["*"], scope)).toBe(true);
  });

  it("never lets a key without '*' hand out '*'", () => {
    const everythingButStar = KNOWN_SCOPES.filter((s) => s !== "*");
    expect(canDelegate(everythingButStar, "*")).toBe(false);
  });

  it("lets a key hand out a scope it holds", () => {
    expect(canDelegate(["keys:write"], "keys:write")).toBe(true);
  });

  it("lets a key hand out the read scope its write scope implies", () => {
    expect(canDelegate(["keys:write"], "keys:read")).toBe(true);
  });

  it("refuses to let a read key hand out write", () => {
    expect(canDelegate(["keys:read"], "keys:write")).toBe(false);
  });

  it("refuses to let a key hand out a scope on a resource it has nothing on", () => {
    expect(canDelegate(["keys:write"], "sessions:read")).toBe(false);
  });

  it("lets '<resource>:*' be handed out only by a key holding it (or '*')", () => {
    expect(canDelegate(["keys:*"], "keys:*")).toBe(true);
    expect(canDelegate(["keys:write"], "keys:*")).toBe(false);
    expect(canDelegate(["keys:read", "keys:write"], "keys:*")).toBe(false);
    expect(canDelegate(["sessions:*"], "keys:*")).toBe(false);
  });

  it("lets a '<resource>:*' key hand out read and write on that resource", () => {
    expect(canDelegate(["keys:*"], "keys:read")).toBe(true);
    expect(canDelegate(["keys:*"], "keys:write")).toBe(true);
  });
});

describe("ScopeSchema", () => {
  it("knows '*', read, write and '*' for every resource, and approvals:decide", () => {
    expect(KNOWN_SCOPES).toHaveLength(1 + RESOURCES.length * 3 + 1);
    for (const scope of ["*", "keys:read", "sessions:write", "approvals:*", "policies:read", "approvals:decide"]) {
      expect(ScopeSchema.safeParse(scope).success).toBe(true);
    }
  });

  it("refuses unknown scopes", () => {
    for (const scope of ["", "admin", "keys", "keys:admin", "*:*", "unknown:read", " keys:read", "KEYS:READ"]) {
      expect(ScopeSchema.safeParse(scope).success, scope).toBe(false);
    }
  });
});

describe("grantingScopes (what the database matches a key's scopes against)", () => {
  it.each(requirableScopes())("lists exactly the known scopes that grant '%s'", (scope) => {
    const expected = KNOWN_SCOPES.filter((granted) => scopeGrants(granted, scope));
    expect([...grantingScopes(scope)].sort()).toEqual([...expected].sort());
  });
});

describe("approvals:decide", () => {
  it("is granted by itself, approvals:* and *, but not by approvals:write", () => {
    expect(scopeGrants("approvals:decide", "approvals:decide")).toBe(true);
    expect(scopeGrants("approvals:*", "approvals:decide")).toBe(true);
    expect(scopeGrants("*", "approvals:decide")).toBe(true);
    expect(scopeGrants("approvals:write", "approvals:decide")).toBe(false);
  });
});
