// OpenAPI 3.1 from the route table and its zod schemas (zod's own JSON Schema output).
import { z } from "zod";
import { API_ROUTES } from "./api-routes";

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });

const ErrorBody = {
  type: "object",
  required: ["error", "code"],
  properties: { error: { type: "string" }, code: { type: "string" }, field: { type: "string" }, reason: { type: "string" } },
};

function queryParameters(schema: z.ZodType) {
  const json = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      tags: [route.tag],
      summary: route.summary,
      description: route.scope ? `Requires key scope \`${route.scope}\`.` : "Any valid key.",
      parameters: [...pathParameters(route.path), ...(route.query ? queryParameters(route.query) : [])],
      ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, description]) => [
          status,
          { description, content: { "application/json": { schema: Number(status) >= 400 ? ErrorBody : { type: "object" } } } },
        ]),
      ),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Warden agent API",
      version: "1",
      description:
        "Sessions, scope checks, payments under session/agent/crew budgets and a hash-chained audit trail for AI agents. Authenticate with `Authorization: Bearer <key>` or `X-API-Key`. POSTs accept `Idempotency-Key`; every response carries `X-Request-ID`.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" }, apiKey: { type: "apiKey", in: "header", name: "X-API-Key" } },
    },
    security: [{ bearer: [] }, { apiKey: [] }],
    paths,
  };
}
