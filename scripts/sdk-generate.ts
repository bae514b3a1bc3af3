// `npm run sdk:generate`: writes the TypeScript SDK's request types from the OpenAPI document,
// built in-process from the route table (lib/http/api-routes.ts), so no server is needed.
// tests/integration/sdk-typescript-openapi.test.ts fails when the committed file differs.
import fs from "node:fs";
import path from "node:path";
import { openApiDocument } from "@/lib/http/openapi";
import { openApiTypes } from "./sdk-openapi-types";

const target = path.resolve(import.meta.dirname, "../sdk/typescript/src/generated/openapi.ts");
fs.writeFileSync(target, await openApiTypes(openApiDocument()));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
