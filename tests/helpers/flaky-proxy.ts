// A tiny local HTTP server in front of the test server that misbehaves on cue: each request takes
// the next step of its plan (answer 500 or 429, drop the connection, never answer, or forward and
// then answer 500 as if the reply was lost), and forwards once the plan is used up. It records
// every request it saw, so tests can check what a client sent on each attempt.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";

export type Step = "500" | "429" | "drop" | "hang" | "forward-then-500";
export type Seen = { method: string; path: string; idempotencyKey: string | undefined; forwardedBody?: unknown };

const HOP_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "content-encoding", "keep-alive"]);

export async function flakyProxy(target: string, plan: Step[]) {
  const seen: Seen[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const forward = async (request: http.IncomingMessage, body: Buffer) => {
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !HOP_HEADERS.has(name))) as Record<string, string>;
    const response = await fetch(`${target}${request.url}`, { method: request.method, headers, body: body.length ? new Uint8Array(body) : undefined });
    const responseHeaders = Object.fromEntries([...response.headers].filter(([name]) => !HOP_HEADERS.has(name)));
    return { status: response.status, headers: responseHeaders, body: Buffer.from(await response.arrayBuffer()) };
  };
  const fail = (response: http.ServerResponse, status: number, extra: Record<string, string> = {}) => {
    response.writeHead(status, { "content-type": "application/json", "x-request-id": `flaky-${seen.length}`, ...extra });
    response.end(JSON.stringify({ error: `injected ${status}`, code: status === 429 ? "too_many_requests" : "internal_error" }));
  };
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const record: Seen = { method: request.method!, path: request.url!, idempotencyKey: request.headers["idempotency-key"] as string | undefined };
    seen.push(record);
    const step = plan.shift();
    if (step === "500") return fail(response, 500);
    if (step === "429") return fail(response, 429, { "retry-after": "0" });
    if (step === "drop") return request.socket.destroy();
    if (step === "hang") return;
    const forwarded = await forward(request, Buffer.concat(chunks));
    if (step === "forward-then-500") {
      record.forwardedBody = JSON.parse(forwarded.body.toString("utf8"));
      return fail(response, 500);
    }
    response.writeHead(forwarded.status, forwarded.headers);
    response.end(forwarded.body);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}
