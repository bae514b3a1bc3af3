import { describe, expect, it } from "vitest";
import { API_ROUTES } from "@/lib/http/api-routes";
import { api, baseUrl } from "../helpers/api";

describe("API discovery", () => {
  it("serves an OpenAPI 3.1 document with every agent route and its request schema", async () => {
    const res = await api("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    for (const route of API_ROUTES) {
      const operation = res.body.paths[route.path]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      if (route.body) expect(operation.requestBody.content["application/json"].schema.type).toBe("object");
    }
    const createSession = res.body.paths["/api/v1/sessions"].post.requestBody.content["application/json"].schema;
    expect(createSession.required).toEqual(["agent_id"]);
    expect(createSession.properties.ttl.default).toBe(3600);
    expect(createSession.properties.ttl).toMatchObject({ maximum: 31_536_000, description: expect.stringContaining("0 means that maximum") });
  });

  it("documents query parameters from the same schemas the handlers validate with", async () => {
    const res = await api("GET", "/api/openapi.json");
    const names = res.body.paths["/api/v1/audit"].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(["session_id", "agent_id", "tool", "flagged", "limit", "cursor"]));
  });

  it("renders a readable API page", async () => {
    const page = await fetch(`${baseUrl()}/api-docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/api/v1/payments/authorize");
    expect(html).toContain("payments:write");
  });

  it("points agent developers at the Python and TypeScript SDKs", async () => {
    const html = await (await fetch(`${baseUrl()}/api-docs`)).text();
    expect(html).toContain("Client libraries");
    for (const text of ["warden_sdk", "pip install ./sdk/python", "@warden/sdk", "sdk/typescript/README.md"]) expect(html).toContain(text);
  });
});
