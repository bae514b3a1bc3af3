// Regressions found by attacking the API: deeply nested bodies and NUL (or invalid Unicode) in
// path ids or query values answered 500. Each now answers 400 invalid_request naming the field,
// on every route of the table the OpenAPI document is generated from.
import { beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES, type ApiRoute } from "@/lib/http/api-routes";
import { MAX_NESTING_DEPTH } from "@/lib/http/untrusted-value";
import { api, seedWorkspace } from "../helpers/api";

/** A value each path parameter's schema accepts (the resource need not exist). */
function validParam(path: string, name: string): string {
  if (name === "agent_id") return "agent-1";
  if (name === "prefix") return "wdn_abcdefgh";
  if (name === "name") return "some-secret";
  if (name === "receipt_id") return "aud_nope";
  const resource = /^\/api\/v1\/(\w+)\//.exec(path)![1]!;
  const prefix = { sessions: "ses_", crews: "crw_", policies: "pol_", approvals: "apr_", webhooks: "whk_" }[resource];
  return `${prefix ?? ""}nope`;
}

const paramsOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

function urlOf(route: ApiRoute, raw: Record<string, string> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => raw[name] ?? encodeURIComponent(validParam(route.path, name)));
}

const label = (route: ApiRoute) => `${route.method.toUpperCase()} ${route.path}`;
const withBody = API_ROUTES.filter((r) => r.body);
const withParams = API_ROUTES.filter((r) => paramsOf(r.path).length > 0);

const nestedArrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth - 1) + "{}" + "}".repeat(depth - 1);

function expectInvalid(res: Awaited<ReturnType<typeof api>>, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ code: "invalid_request", field, reason: expect.any(String), error: expect.any(String) });
}

// Every request here is refused before it changes anything, so one workspace serves them all.
let key: string;
beforeAll(async () => {
  ({ key } = await seedWorkspace());
});

describe("deeply nested bodies", () => {
  it.each(withBody.map((r) => [label(r), r] as const))("%s answers 2,000 and 100,000 levels with 400 naming the body", async (_label, route) => {
    for (const rawBody of [nestedArrays(2_000), nestedObjects(2_000), nestedArrays(100_000)]) {
      const res = await api(route.method.toUpperCase(), urlOf(route), { key, rawBody, headers: { "content-type": "application/json" } });
      expectInvalid(res, "body");
      expect(res.body.reason).toBe(`is nested deeper than ${MAX_NESTING_DEPTH} levels`);
    }
  });

  it("accepts a body nested exactly to the limit as far as validation (the field, not the body, is refused)", async () => {
    const deep = JSON.parse(nestedObjects(MAX_NESTING_DEPTH - 1)) as unknown;
    const res = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "a", metadata: deep } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it.each([
    ["flow nesting of 5,000 levels, which overflows the YAML parser", nestedArrays(5_000)],
    ["block nesting past the limit", Array.from({ length: MAX_NESTING_DEPTH + 1 }, (_, i) => `${"  ".repeat(i)}a:`).join("\n") + " 1\n"],
    ["a cyclic alias", "name: p\nrules: &r [*r]\n"],
  ])("answers a YAML policy with %s with 400 naming the body", async (_label, rawBody) => {
    for (const [method, path] of [["POST", "/api/v1/policies"], ["PUT", "/api/v1/policies/pol_nope"]] as const) {
      expectInvalid(await api(method, path, { key, rawBody, headers: { "content-type": "application/yaml" } }), "body");
    }
  });

  it("answers a YAML alias to no anchor with 400, not 500", async () => {
    const res = await api("POST", "/api/v1/policies", { key, rawBody: "name: *nowhere\n", headers: { "content-type": "application/yaml" } });
    expectInvalid(res, "body");
  });
});

describe("hostile path ids", () => {
  const cases = withParams.flatMap((route) => paramsOf(route.path).map((param) => [`${label(route)} {${param}}`, route, param] as const));

  it.each(cases)("%s answers NUL and control characters with 400 naming the parameter, invalid UTF-8 naming the path", async (_label, route, param) => {
    const send = (raw: string) => api(route.method.toUpperCase(), urlOf(route, { [param]: raw }), { key, body: route.body ? {} : undefined });
    for (const raw of ["%00", `x%00y`, "a%0Ab", "a%7Fb", "%E2%80%AE%00"]) expectInvalid(await send(raw), param);
    // Not decodable at all (a lone surrogate's bytes, a byte no UTF-8 has): refused before routing.
    for (const raw of ["%ED%A0%80", "%FF", "%"]) expectInvalid(await send(raw), "path");
  });

  it.each(cases)("%s answers a 10,000-character id with 400 naming the parameter", async (_label, route, param) => {
    const res = await api(route.method.toUpperCase(), urlOf(route, { [param]: `${validParam(route.path, param)}${"x".repeat(10_000)}` }), { key });
    expectInvalid(res, param);
  });

  it.each([
    ["/api/v1/sessions/%00", "GET"],
    ["/api/v1/sessions/%00/check", "POST"],
    ["/api/v1/crews/%00", "GET"],
    ["/api/v1/crews/%00/members/a", "POST"],
  ])("answers %s (%s), as reported, with 400 naming the id", async (path, method) => {
    expectInvalid(await api(method, path, { key, body: method === "POST" ? { scope: "read" } : undefined }), "id");
  });
});

describe("hostile query values", () => {
  it.each([
    ["/api/v1/secrets/some-secret?session_id=%00", "session_id"],
    ["/api/v1/secrets/some-secret?session_id=ses_x&approval_id=apr_%00", "approval_id"],
    ["/api/v1/audit?agent_id=%00", "agent_id"],
    ["/api/v1/audit/spend?session_id=a%00b", "session_id"],
    ["/api/v1/approvals/apr_nope?wait=%00", "wait"],
    ["/api/v1/whoami?anything=%00", "anything"],
  ])("answers %s with 400 naming %s", async (path, field) => {
    expectInvalid(await api("GET", path, { key }), field);
  });
});

describe("the sign-in endpoints", () => {
  it.each(["{nope", "[".repeat(100_000), '{"email": "a@b.c",}'])("answer a malformed JSON body (%s) with 400, not next-auth's 500", async (rawBody) => {
    const res = await api("POST", "/api/auth/callback/credentials", { rawBody: rawBody.slice(0, 100_000), headers: { "content-type": "application/json" } });
    expectInvalid(res, "body");
  });
});
