// GET /api/v1/exec and /api/v1/exec/{receipt_id} over HTTP against the real server: the key's
// scope, 400 naming the bad query field, and 404 for a receipt the workspace does not hold.
// (Filters and paging over stored runs: exec-runs-list.test.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";

let slug: string;
let key: string;
beforeAll(async () => {
  ({ slug, key } = await seedWorkspace(["audit:read"]));
});

describe("GET /api/v1/exec", () => {
  it("answers an empty page for a workspace without code runs", async () => {
    const response = await api("GET", "/api/v1/exec", { key });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ count: 0, executions: [], next_cursor: null });
  });

  it("refuses a key without audit:read with 403", async () => {
    const other = await createKey(slug, ["sessions:read"]);
    const response = await api("GET", "/api/v1/exec", { key: other });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: "insufficient_scope", required: "audit:read" });
  });

  it.each([
    ["decision=MAYBE", "decision"],
    ["language=cobol", "language"],
    ["result=finished", "result"],
    ["from=yesterday", "from"],
    ["from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["cursor=not-a-cursor", "cursor"],
    ["agent=runner", "agent"],
  ])("answers 400 naming the field for ?%s", async (queryString, field) => {
    const response = await api("GET", `/api/v1/exec?${queryString}`, { key });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_request", field });
  });
});

describe("GET /api/v1/exec/{receipt_id}", () => {
  it("answers 404 for a receipt this workspace does not hold", async () => {
    const response = await api("GET", "/api/v1/exec/aud_01JD0000000000000000000000", { key });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: "not_found" });
  });

  it("answers 400 naming receipt_id for an id that is not a receipt", async () => {
    const response = await api("GET", "/api/v1/exec/pol_123", { key });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "invalid_request", field: "receipt_id" });
  });
});
