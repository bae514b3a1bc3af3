// Turns a domain function's answer into an MCP tool result. Answers shaped like the REST
// routes' ({status, body}) keep their body; refusals (4xx, and AppErrors such as a dead
// session or a missing secret) become results with isError: true carrying the REST error body
// (its code says what the HTTP status would have said), so an agent reads the code and reason instead of a protocol failure.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type Answer = { status: number; body: unknown };

function result(status: number, body: unknown): CallToolResult {
  const structuredContent = body as Record<string, unknown>;
  return { content: [{ type: "text", text: JSON.stringify(body) }], structuredContent, isError: status >= 400 };
}

/** Runs a tool's domain call and answers with its result or its refusal; never throws. */
export async function toolResult(run: () => Promise<Answer>, requestId: string): Promise<CallToolResult> {
  try {
    const answer = await run();
    return result(answer.status, answer.body);
  } catch (error) {
    if (error instanceof AppError) return result(error.status, error.toBody());
    // The error itself may quote input (a secret's value never reaches here, but a code body
    // could): it goes to the log under the request id, the agent gets only the id.
    logger.error("unhandled error in MCP tool", { requestId, error });
    return result(500, { error: `Internal error; quote request id ${requestId} when reporting it`, code: "internal_error", request_id: requestId });
  }
}
