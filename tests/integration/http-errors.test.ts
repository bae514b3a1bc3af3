// The error contract over real HTTP: bad input is a 4xx in the documented JSON shape
// ({error, code} plus fields), never a 500 and never an HTML page.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { api, baseUrl, seedWorkspace } from "../helpers/api";

const MiB = 1024 * 1024;
const ERROR_SHAPE = { error: expect.any(String), code: expect.stringMatching(/^[a-z]+(_[a-z]+)*$/) };

function expectJsonError(res: Awaited<ReturnType<typeof api>>, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ ...ERROR_SHAPE, code });
  expect(res.body.error.length).toBeGreaterThan(0);
}

describe("malformed and mistyped input", () => {
  it.each(["{nope", '{"name": "k",}', "[1, 2", "undefined", "{'name': 'k'}"])(
    "answers the malformed JSON body %j with 400 invalid_request",
    async (rawBody) => {
      const { key } = await seedWorkspace(["keys:write"]);
      const res = await api("POST", "/api/v1/keys", { key, rawBody, headers: { "content-type": "application/json" } });
      expectJsonError(res, 400, "invalid_request");
      expect(res.body).toMatchObject({ field: "body", reason: expect.any(String) });
    },
  );

  it.each(["[]", "null", '"keys"', "42", "true"])("answers the JSON body %s, which is not an object, with 400", async (rawBody) => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", { key, rawBody, headers: { "content-type": "application/json" } });
    expectJsonError(res, 400, "invalid_request");
    expect(res.body.field).toBe("body");
  });

  it("answers an empty body with 400 naming the first required field", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", { key, rawBody: "" });
    expectJsonError(res, 400, "invalid_request");
    expect(res.body).toMatchObject({ field: "name", reason: "is required" });
  });

  it.each([
    [{ name: 1, scopes: ["keys:read"] }, "name"],
    [{ name: null, scopes: ["keys:read"] }, "name"],
    [{ name: ["k"], scopes: ["keys:read"] }, "name"],
    [{ name: "k", scopes: { 0: "keys:read" } }, "scopes"],
    [{ name: "k", scopes: [1] }, "scopes.0"],
    [{ name: "k", scopes: ["keys:read"], expires_at: true }, "expires_at"],
  ])("answers wrong types (%j) with 400 naming the field %s", async (body, field) => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", { key, body });
    expectJsonError(res, 400, "invalid_request");
    expect(res.body).toMatchObject({ field, reason: expect.any(String) });
  });

  it("answers a form-encoded body with 400, not 500", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", {
      key,
      rawBody: "name=k&scopes=keys:read",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectJsonError(res, 400, "invalid_request");
  });

  it("answers a name containing a NUL character with 400, not 500", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", { key, body: { name: "a\u0000b", scopes: ["keys:read"] } });
    expectJsonError(res, 400, "invalid_request");
    expect(res.body.field).toBe("name");
  });

  it("answers a name containing a lone UTF-16 surrogate with 400, not 500", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", {
      key,
      rawBody: '{"name": "a\\ud800b", "scopes": ["keys:read"]}',
      headers: { "content-type": "application/json" },
    });
    expectJsonError(res, 400, "invalid_request");
    expect(res.body.field).toBe("name");
  });

  it("answers an Idempotency-Key longer than 255 characters with 400 naming the header", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", {
      key,
      body: { name: "k", scopes: ["keys:read"] },
      headers: { "idempotency-key": "k".repeat(256) },
    });
    expectJsonError(res, 400, "invalid_request");
    expect(res.body.field).toBe("Idempotency-Key");
  });
});

describe("body size", () => {
  it("answers a 2 MiB body with 413 payload_too_large", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const res = await api("POST", "/api/v1/keys", {
      key,
      body: { name: "x".repeat(2 * MiB), scopes: ["keys:read"] },
    });
    expectJsonError(res, 413, "payload_too_large");
  });

  it("answers a 2 MiB body streamed without Content-Length with 413", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    // Its own connection (no keep-alive pool): the server may stop reading the upload once it
    // has answered, which must not affect the other tests' pooled connections.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${baseUrl()}/api/v1/keys`, {
        method: "POST",
        agent: false,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "transfer-encoding": "chunked" },
      });
      let hasResponse = false;
      request.on("response", (response) => {
        hasResponse = true;
        let text = "";
        response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on("error", reject);
      });
      // The server may close the upload once it has answered; an error before any answer fails.
      request.on("error", (error) => {
        if (!hasResponse) reject(error);
      });
      const chunk = Buffer.alloc(64 * 1024, "x");
      let sent = 0;
      const writeMore = () => {
        while (sent < 2 * MiB && !request.destroyed) {
          sent += chunk.byteLength;
          if (!request.write(chunk)) return void request.once("drain", writeMore);
        }
        request.end();
      };
      writeMore();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ ...ERROR_SHAPE, code: "payload_too_large" });
  });

  it("accepts a body of exactly 1 MiB for validation (400, not 413)", async () => {
    const { key } = await seedWorkspace(["keys:write"]);
    const skeleton = JSON.stringify({ name: "", scopes: ["keys:read"] });
    const rawBody = JSON.stringify({ name: "x".repeat(MiB - skeleton.length), scopes: ["keys:read"] });
    expect(Buffer.byteLength(rawBody)).toBe(MiB);
    const res = await api("POST", "/api/v1/keys", { key, rawBody, headers: { "content-type": "application/json" } });
    expectJsonError(res, 400, "invalid_request");
    expect(res.body.field).toBe("name");
  });
});

describe("routing errors", () => {
  it.each(["GET", "POST", "PUT", "PATCH", "DELETE"])("answers %s on an unknown /api route with a JSON 404", async (method) => {
    for (const path of ["/api/v1/nope", "/api/nope", "/api/v1/keys/wdn_abcdefgh/extra", "/api/v2/keys"]) {
      const res = await api(method, path);
      expectJsonError(res, 404, "not_found");
      expect(res.body.error).toContain(path);
    }
  });

  it("answers an unknown route with 404 even when it carries a valid key", async () => {
    const { key } = await seedWorkspace();
    expectJsonError(await api("GET", "/api/v1/sessionz", { key }), 404, "not_found");
  });

  it.each([
    ["PUT", "/api/v1/keys", "GET, POST"],
    ["PATCH", "/api/v1/keys", "GET, POST"],
    ["DELETE", "/api/v1/keys", "GET, POST"],
    ["GET", "/api/v1/keys/wdn_abcdefgh", "DELETE"],
    ["POST", "/api/v1/keys/wdn_abcdefgh", "DELETE"],
    ["PUT", "/api/v1/keys/wdn_abcdefgh", "DELETE"],
    ["PATCH", "/api/v1/keys/wdn_abcdefgh", "DELETE"],
  ])("answers %s %s with a JSON 405 allowing %s", async (method, path, allow) => {
    const { key } = await seedWorkspace();
    const res = await api(method, path, { key });
    expectJsonError(res, 405, "method_not_allowed");
    expect(res.headers.get("allow")).toBe(allow);
    expect(res.body.allowed).toEqual(allow.split(", "));
  });

  it.each([
    ["POST", "/api/healthz"],
    ["DELETE", "/api/readyz"],
  ])("answers %s %s with a JSON 405", async (method, path) => {
    expectJsonError(await api(method, path), 405, "method_not_allowed");
  });

  it.each(["/api/v1/keys/%E0%A4%A", "/api/v1/nope%zz"])(
    "answers the malformed percent-encoding in %s with a 4xx, not 500",
    async (path) => {
      const { key } = await seedWorkspace();
      const res = await api("DELETE", path, { key });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).toMatchObject(ERROR_SHAPE);
    },
  );
});

describe("health endpoints", () => {
  it("reports liveness and readiness", async () => {
    const health = await api("GET", "/api/healthz");
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok" });
    const ready = await api("GET", "/api/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true, database: "ok", pending_migrations: [] });
  });

  it("carries an X-Request-ID on the health endpoints too, echoing the caller's", async () => {
    for (const path of ["/api/healthz", "/api/readyz"]) {
      const echoed = await api("GET", path, { headers: { "x-request-id": "probe-1" } });
      expect(echoed.headers.get("x-request-id"), path).toBe("probe-1");
      const fresh = await api("GET", path);
      expect(fresh.headers.get("x-request-id"), path).toMatch(/^req_[0-9a-f]{32}$/);
    }
  });
});
