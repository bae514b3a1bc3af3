// Warden as an MCP server (Streamable HTTP). The API key is authenticated as on the REST routes
// (Bearer or X-API-Key; 401 in the REST error shape), then the request goes to the SDK's
// web-standard transport. Stateless: a new server and transport per request, no session id,
// so any server process can answer any request. JSON responses (not SSE), so the tool has
// finished when handleRequest resolves and the server can be closed. The body is read and
// parsed as on the REST routes (1 MiB cap, NUL, invalid Unicode and deep nesting refused) and
// handed to the transport already parsed.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { otherMethods } from "@/lib/http/with-api-key";
import { parseJsonBody, readBodyText } from "@/lib/http/read-body";
import { errorResponse, requestIdFrom } from "@/lib/http/respond";
import { authenticateCredential, readCredential } from "@/lib/keys/authenticate-api-key";
import { registerWardenTools } from "@/lib/mcp/warden-tools";
import { observed } from "@/lib/metrics/observe-request";

export const runtime = "nodejs";

export const POST = observed(async (request: Request): Promise<Response> => {
  const requestId = requestIdFrom(request.headers);
  try {
    const key = await authenticateCredential(readCredential(request.headers, null));
    const parsedBody = parseJsonBody(await readBodyText(request));
    const server = new McpServer({ name: "warden", version: "1.0.0" });
    // A wait for an approval ends when the client cancels the call or drops the connection.
    registerWardenTools(server, key, { id: requestId, signal: request.signal });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, { parsedBody });
    } finally {
      await server.close();
    }
  } catch (error) {
    return errorResponse(error, requestId);
  }
});

// Stateless: no standalone SSE stream (GET) and no session to end (DELETE).
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
