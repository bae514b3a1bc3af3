// The LLM gateway's overhead per call: the same chat completion sent to the fake upstream
// (tests/helpers/fake-upstream.ts) directly and through the gateway, one call at a time,
// interleaved so that other load on the machine disturbs both alike. Overhead = gateway latency −
// direct latency, at p50 and p99 (target: p50 < 5 ms). Calls are sequential: this measures what
// one agent waits for, not throughput. Run by `npm run bench` for each database (BENCH_ROUTES=
// gateway runs it alone with the baseline).
import { startFakeUpstream } from "../tests/helpers/fake-upstream";
import { call, type BenchServer } from "./server";
import { fmt } from "./settings";

const CALLS = Number(process.env.BENCH_GATEWAY_CALLS ?? 300);
const WARMUP_CALLS = 30;
export const GATEWAY_TARGET_MS = 5;

type Percentiles = { p50: number; p99: number };
export type GatewayOverhead = { calls: number; direct: Percentiles; gateway: Percentiles; overhead: Percentiles; authenticatedNoop: Percentiles };

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

async function timed(url: string, key: string, body?: unknown): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return elapsed;
}

/** A provider pointing at the fake upstream, a priced model and a gateway key for one agent. */
async function seedGateway(server: BenchServer, adminKey: string, upstreamUrl: string): Promise<string> {
  const auth = { authorization: `Bearer ${adminKey}` };
  const steps = [
    await call(server, "PUT", "/api/v1/gateway/providers/fake", { headers: auth, body: { base_url: upstreamUrl, api_key: "sk-bench-upstream-key" } }),
    await call(server, "PUT", "/api/v1/gateway/models", { headers: auth, body: { model: "bench-model", provider: "fake", input_price: 0.15, output_price: 0.6 } }),
  ];
  const issued = await call(server, "POST", "/api/v1/gateway/keys", { headers: auth, body: { name: "bench", agent_id: "bench-gateway-agent" } });
  for (const step of [...steps, issued]) if (step.status >= 300) throw new Error(`seeding the gateway failed: ${step.status} ${JSON.stringify(step.body)}`);
  return String(issued.body.key);
}

export async function measureGatewayOverhead(server: BenchServer, adminKey: string): Promise<GatewayOverhead> {
  const upstream = await startFakeUpstream();
  try {
    const gatewayKey = await seedGateway(server, adminKey, upstream.url);
    const body = (model: string) => ({ model, max_tokens: 64, messages: [{ role: "system", content: "You are a research assistant." }, { role: "user", content: "Summarise the quarterly report in two sentences." }] });
    const direct = () => timed(`${upstream.url}/chat/completions`, "sk-bench-upstream-key", body("bench-model"));
    const viaGateway = () => timed(`${server.url}/api/gateway/v1/chat/completions`, gatewayKey, body("bench-model"));
    for (let i = 0; i < WARMUP_CALLS; i++) {
      await direct();
      await viaGateway();
    }
    // The floor any request to this server pays (next start, API-key lookup, one query), for scale.
    const noop = () => timed(`${server.url}/api/v1/whoami`, adminKey);
    const directMs: number[] = [];
    const gatewayMs: number[] = [];
    const noopMs: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      directMs.push(await direct());
      gatewayMs.push(await viaGateway());
      noopMs.push(await noop());
    }
    const d = percentiles(directMs);
    const g = percentiles(gatewayMs);
    return { calls: CALLS, direct: d, gateway: g, overhead: { p50: g.p50 - d.p50, p99: g.p99 - d.p99 }, authenticatedNoop: percentiles(noopMs) };
  } finally {
    await upstream.close();
  }
}

export function printGatewayOverhead(label: string, r: GatewayOverhead): void {
  const ms = (n: number) => `${fmt(n, 2)} ms`;
  const verdict = r.overhead.p50 < GATEWAY_TARGET_MS ? "met" : "MISS";
  console.log(
    `\n  LLM gateway overhead (${label}, ${r.calls} sequential non-streamed calls each way, interleaved):\n` +
      `    fake upstream directly: p50 ${ms(r.direct.p50)}, p99 ${ms(r.direct.p99)}\n` +
      `    through the gateway:    p50 ${ms(r.gateway.p50)}, p99 ${ms(r.gateway.p99)} (${fmt(r.gateway.p50 / Math.max(r.direct.p50, 0.001), 1)} × direct at p50)\n` +
      `    overhead per call:      p50 ${ms(r.overhead.p50)}, p99 ${ms(r.overhead.p99)} — target p50 < ${GATEWAY_TARGET_MS} ms: ${verdict}\n` +
      `    for scale, GET /api/v1/whoami (authenticated no-op) sequentially: p50 ${ms(r.authenticatedNoop.p50)}, p99 ${ms(r.authenticatedNoop.p99)}`,
  );
}
