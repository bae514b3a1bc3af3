// The process's one Prometheus registry and the metrics Warden records as it serves requests.
// Next bundles each route separately, so a module-level registry could exist once per bundle:
// it lives on globalThis (and prom-client is a server external package), so every route of the
// process records into, and /api/metrics reads from, the same registry.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { registerDatabaseGauges } from "./database-gauges";

export type Metrics = {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route" | "status">;
  paymentDecisions: Counter<"outcome" | "code">;
  policyDecisions: Counter<"decision" | "kind">;
};

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    httpRequests: new Counter({
      name: "warden_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "warden_http_request_duration_seconds",
      help: "Time from the route handler's start to its response (a streamed body: to its headers), by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    paymentDecisions: new Counter({
      name: "warden_payment_decisions_total",
      help: "Payment authorizations answered: authorized, refused (code: the budget, scope, approval or policy reason code) or pending_approval",
      labelNames: ["outcome", "code"],
      registers: [registry],
    }),
    policyDecisions: new Counter({
      name: "warden_policy_decisions_total",
      help: "Actions evaluated through POST /api/v1/evaluate, by decision (ALLOW, LOG, CONSTRAIN, ESCALATE, BLOCK) and action kind",
      labelNames: ["decision", "kind"],
      registers: [registry],
    }),
  };
  registerDatabaseGauges(registry);
  return metrics;
}

const globalForMetrics = globalThis as unknown as { wardenMetrics?: Metrics };

export function metrics(): Metrics {
  globalForMetrics.wardenMetrics ??= createMetrics();
  return globalForMetrics.wardenMetrics;
}
