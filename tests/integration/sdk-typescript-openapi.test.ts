// The SDK cannot drift from the server: its generated request types must equal what
// openapi-typescript makes of the server's live /api/openapi.json, and every route it calls must
// be in that document.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SDK_ROUTES } from "@/sdk/typescript/src/index";
import { openApiTypes } from "../../scripts/sdk-openapi-types";
import { baseUrl } from "../helpers/api";

const committed = path.resolve(import.meta.dirname, "../../sdk/typescript/src/generated/openapi.ts");

async function liveDocument() {
  const response = await fetch(`${baseUrl()}/api/openapi.json`);
  expect(response.status).toBe(200);
  return (await response.json()) as { paths: Record<string, Record<string, unknown>> };
}

describe("the TypeScript SDK's OpenAPI types", () => {
  it("equal the types generated from the running server's /api/openapi.json", async () => {
    const regenerated = await openApiTypes(await liveDocument());
    const isCurrent = regenerated === fs.readFileSync(committed, "utf8");
    expect(isCurrent, "sdk/typescript/src/generated/openapi.ts is out of date with /api/openapi.json: run npm run sdk:generate and commit the result").toBe(true);
  });

  it("cover every route the client calls", async () => {
    const { paths } = await liveDocument();
    const missing = Object.entries(SDK_ROUTES)
      .filter(([, [method, route]]) => !paths[`/api${route}`]?.[method])
      .map(([name, [method, route]]) => `${name}: ${method.toUpperCase()} /api${route}`);
    expect(missing).toEqual([]);
    expect(Object.keys(SDK_ROUTES)).toHaveLength(20);
  });
});
