// The MCP SDK's own client, connected over Streamable HTTP to the test server's /api/mcp with a
// Bearer key, and the reading of a tool result's JSON answer.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect } from "vitest";
import { baseUrl } from "./api";

export const mcpUrl = () => new URL("/api/mcp", baseUrl());

/** A connected client sending the key as `Authorization: Bearer` (or `X-API-Key`). */
export async function connectMcp(key: string | null, header: "bearer" | "x-api-key" = "bearer"): Promise<Client> {
  const headers: Record<string, string> = !key ? {} : header === "bearer" ? { authorization: `Bearer ${key}` } : { "x-api-key": key };
  const client = new Client({ name: "warden-tests", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(mcpUrl(), { requestInit: { headers } }));
  return client;
}

export type ToolAnswer = { isError: boolean; body: Record<string, any> };

/** Calls a tool and returns its answer: the JSON text, which must equal structuredContent. */
export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text: string }[];
  expect(content).toHaveLength(1);
  const body = JSON.parse(content[0]!.text) as Record<string, any>;
  expect(result.structuredContent).toEqual(body);
  return { isError: result.isError === true, body };
}
