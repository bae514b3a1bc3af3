// What recording a request's metrics costs on the request path, in-process: the route pattern
// lookup, the counter and the histogram (lib/metrics/observe-request.ts), per request, over
// paths of several shapes. Compare with the ~1 ms a request costs under `next start`
// (docs/performance.md). Alone: `npx tsx bench/metrics-record.ts`.
import { recordRequest } from "@/lib/metrics/observe-request";

const PATHS = [
  "/api/v1/payments/authorize",
  "/api/v1/sessions/ses_01JABCDEFGHJKMNPQRSTVWXYZ0/check",
  "/api/v1/crews/crw_01JABCDEFGHJKMNPQRSTVWXYZ0/members/agent-7",
  "/api/v1/audit",
  "/api/v1/no-such-route",
];

export function benchMetricsRecording(count = 200_000): number {
  const requests = PATHS.map((p) => new Request(`http://127.0.0.1:3000${p}`, { method: "POST" }));
  for (let i = 0; i < 20_000; i++) recordRequest(requests[i % requests.length]!, 200, performance.now());
  const started = performance.now();
  for (let i = 0; i < count; i++) recordRequest(requests[i % requests.length]!, i % 7 === 0 ? 403 : 200, performance.now());
  return ((performance.now() - started) / count) * 1000;
}

console.log(`metrics recording: ${benchMetricsRecording().toFixed(2)} µs per request (route pattern, counter, histogram)`);
