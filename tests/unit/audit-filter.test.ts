import { describe, expect, it } from "vitest";
import { AuditFilterSchema, filterToSearchParams, searchParamsToInput } from "@/lib/audit/audit-filter";

describe("audit filter", () => {
  it("reads search parameters, dropping empty and unknown ones", () => {
    const input = searchParamsToInput(new URLSearchParams("agent=bot&tool=&decision=BLOCK&flagged=true&page=3&from=2026-11-01T00:00:00Z"));
    expect(input).toEqual({ agent: "bot", tool: "", decision: "BLOCK", flagged: "true", from: "2026-11-01T00:00:00Z" });
    const filter = AuditFilterSchema.parse(input);
    expect(filter).toEqual({ agent: "bot", tool: undefined, decision: "BLOCK", flagged: true, from: new Date("2026-11-01T00:00:00Z"), session: undefined, to: undefined, q: undefined });
  });

  it("takes the first value of a repeated parameter from a page's searchParams", () => {
    expect(searchParamsToInput({ agent: ["a", "b"], q: "refund" })).toEqual({ agent: "a", q: "refund" });
  });

  it("round-trips through search parameters", () => {
    const filter = AuditFilterSchema.parse({ session: "ses_1", flagged: "false", to: "2026-11-21T10:00:00.000Z", q: "50%" });
    const again = AuditFilterSchema.parse(searchParamsToInput(filterToSearchParams(filter)));
    expect(again).toEqual(filter);
    expect(filterToSearchParams(filter).toString()).toBe("session=ses_1&flagged=false&to=2026-11-21T10%3A00%3A00.000Z&q=50%25");
  });

  it("names the field that is wrong", () => {
    const bad = (input: Record<string, string>) => AuditFilterSchema.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(bad({ decision: "MAYBE" })?.[0]?.[0]).toBe("decision");
    expect(bad({ flagged: "yes" })?.[0]).toEqual(["flagged", "must be true or false"]);
    expect(bad({ from: "yesterday-ish" })?.[0]).toEqual(["from", "must be a date and time (ISO 8601)"]);
    expect(bad({ from: "2026-11-02T00:00:00Z", to: "2026-11-01T00:00:00Z" })?.[0]).toEqual(["to", "must not be before 'from'"]);
    expect(bad({ q: "x".repeat(201) })?.[0]?.[0]).toBe("q");
  });
});
