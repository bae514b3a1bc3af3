// SIGTERM and SIGINT (docker stop, Kubernetes, Ctrl-C): stop accepting connections, let the
// requests in flight finish (at most WARDEN_SHUTDOWN_TIMEOUT seconds, then their connections are
// cut), close the database (PGlite's worker and its lock file, or the PostgreSQL pool), exit 0.
//
// `next start` has its own handler, which closes the HTTP server but then exits 143 without
// closing the database or bounding the wait; it is registered before the app starts, so this
// replaces it (Next reads NEXT_MANUAL_SIG_HANDLE too late for the app to set it).
import diagnostics from "node:diagnostics_channel";
import http from "node:http";
import { shutDownDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
/** Past the request timeout, the database gets this long to close before the process exits anyway. */
const CLOSE_GRACE_MS = 5_000;

type ShutdownState = { installed: boolean; servers: Set<http.Server> };
const state = ((globalThis as unknown as { wardenShutdown?: ShutdownState }).wardenShutdown ??= { installed: false, servers: new Set() });

/** Installs the handlers once per process; timeoutSeconds bounds the wait for in-flight requests. */
export function installGracefulShutdown(timeoutSeconds: number): void {
  if (state.installed) return;
  state.installed = true;
  // The HTTP server is Next's: every request names it on this documented channel.
  diagnostics.subscribe("http.server.request.start", (message) => {
    const server = (message as { server?: unknown }).server;
    if (server instanceof http.Server) state.servers.add(server);
  });
  let stopping = false;
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      // A shell's Ctrl-C reaches both `npm start` and the server: one shutdown is enough.
      if (stopping) return;
      stopping = true;
      void shutDown(signal, timeoutSeconds * 1000);
    });
  }
}

async function shutDown(signal: string, timeoutMs: number): Promise<never> {
  const servers = [...state.servers, ...listeningServersFallback()];
  // Stop listening before saying so: whoever reads the log line may rely on it.
  const closed = Promise.all(servers.map(closeServer));
  logger.info("shutting down: no new connections, finishing requests in flight", { signal, timeout_ms: timeoutMs });
  const hardStop = setTimeout(() => {
    logger.error("shutdown did not finish in time: exiting");
    process.exit(1);
  }, timeoutMs + CLOSE_GRACE_MS);
  hardStop.unref();
  const cut = setTimeout(() => {
    logger.warn("requests still in flight after the shutdown timeout: closing their connections", { timeout_ms: timeoutMs });
    for (const server of servers) server.closeAllConnections();
  }, timeoutMs);
  await closed;
  clearTimeout(cut);
  try {
    await shutDownDb();
  } catch (error) {
    logger.error("closing the database failed", { error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  logger.info("stopped");
  process.exit(0);
}

/** Stops listening and resolves once every connection has closed (keep-alive ones as soon as they are idle). */
function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** A signal before the first request: find the listening server among the process's handles. */
function listeningServersFallback(): http.Server[] {
  if (state.servers.size > 0) return [];
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  return handles.filter((handle): handle is http.Server => handle instanceof http.Server && handle.listening);
}
