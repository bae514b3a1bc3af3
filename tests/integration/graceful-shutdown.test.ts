// SIGTERM and SIGINT shut the server down gracefully: no new connections, the requests in flight
// finish (within WARDEN_SHUTDOWN_TIMEOUT, after which their connections are cut), the database is
// closed (PGlite's lock file removed) and the process exits 0; a server started again on the
// same data works. Over real HTTP against `next start`, on both databases.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { lockPathFor } from "@/lib/db/pglite-lock";
import { call } from "../helpers/crash-load";
import { cliOn, startTestServer, type TestServer } from "../helpers/test-server";

/** Resolves once the server has logged that it is shutting down (it stops listening in that same tick). */
async function shutdownLogged(server: TestServer): Promise<void> {
  while (!fs.readFileSync(server.logFile, "utf8").includes("shutting down")) await new Promise((r) => setTimeout(r, 20));
}

/** Whether a new TCP connection to the server's port is accepted. */
function connects(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(new URL(url).port), "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A GET /api/v1/approvals/<id>?wait=… on a pending request: the server holds it for `wait` seconds. */
async function pendingApproval(server: TestServer, key: string): Promise<string> {
  const session = await call(server.url, key, "POST", "/api/v1/sessions", { agent_id: "shutdown-agent" });
  const approval = await call(server.url, key, "POST", "/api/v1/approvals/request", {
    session_id: session.body.session_id, action: "deploy", reason: "held open across a shutdown",
  });
  expect(approval.status, JSON.stringify(approval.body)).toBe(201);
  return approval.body.request_id as string;
}

describe("graceful shutdown", () => {
  const databaseUrl = inject("databaseUrl") || undefined;
  const label = databaseUrl ? "PostgreSQL" : "PGlite";

  it(`finishes the request in flight, refuses new connections, closes the database and exits 0 on SIGTERM (${label})`, async () => {
    let server = await startTestServer({ databaseUrl });
    try {
      const slug = `shutdown-${Date.now()}`;
      await cliOn(server, ["create-workspace", slug]);
      const key = (await cliOn(server, ["create-key", "--workspace", slug, "--name", "k", "--scopes", "*"])).at(-1)!;
      const approvalId = await pendingApproval(server, key);

      const inFlight = call(server.url, key, "GET", `/api/v1/approvals/${approvalId}?wait=6`);
      await new Promise((r) => setTimeout(r, 2_000)); // let it reach the server before the signal
      const exit = server.kill("SIGTERM");
      await shutdownLogged(server);
      expect(await connects(server.url)).toBe(false);
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ request_id: approvalId, status: "pending" });
      expect(await exit).toEqual({ code: 0, signal: null });
      expect(fs.readFileSync(server.logFile, "utf8")).toContain('"msg":"stopped"');
      if (!databaseUrl) expect(fs.existsSync(lockPathFor(path.join(server.dataDir, "pglite")))).toBe(false);
      expect(fs.existsSync(path.join(server.dataDir, "server.json"))).toBe(false);

      // Started again on the same data; this time a request outlives a 1-second shutdown timeout.
      server = await startTestServer({ databaseUrl, dataDir: server.dataDir, env: { WARDEN_SHUTDOWN_TIMEOUT: "1" } });
      expect((await call(server.url, key, "GET", `/api/v1/approvals/${approvalId}`)).body.status).toBe("pending");
      const outliving = call(server.url, key, "GET", `/api/v1/approvals/${approvalId}?wait=30`).then(
        () => "answered",
        () => "cut",
      );
      await new Promise((r) => setTimeout(r, 2_000));
      const secondExit = server.kill("SIGINT");
      expect(await outliving).toBe("cut");
      expect(await secondExit).toEqual({ code: 0, signal: null });
      expect(fs.readFileSync(server.logFile, "utf8")).toContain("requests still in flight after the shutdown timeout");
      if (!databaseUrl) expect(fs.existsSync(lockPathFor(path.join(server.dataDir, "pglite")))).toBe(false);
    } finally {
      await server.stop({ saveLogTo: `test-results/graceful-shutdown-${label}.log` });
    }
  }, 180_000);
});
