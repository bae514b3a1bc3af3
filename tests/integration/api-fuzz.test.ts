// Property: no request, however hostile, gets a 5xx from the agent API. Requests are generated
// with fast-check from the server's own OpenAPI document for every /api/v1 operation (see
// tests/helpers/fuzz-arbitraries.ts) and sent over real HTTP to `next start`; every error must
// be JSON of the documented shape, and the server must still be healthy afterwards.
//
// FUZZ_RUNS sets the number of requests (default 2,500 per database); FUZZ_SEED replays a run.
import http from "node:http";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { api, baseUrl, seedWorkspace } from "../helpers/api";
import { operationsOf, requestFor, type FuzzRequest, type KnownIds } from "../helpers/fuzz-arbitraries";
import { authorize, createSession } from "../helpers/governance";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_500);
const PER_WORKSPACE = 250;
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CONCURRENCY = 6;

type Outcome = { request: FuzzRequest; status: number; text: string; problem: string | null; ms: number };

// A connection per request: a kept-alive socket the server closes while idle (during a
// workspace's seeding) would fail the next request on it for reasons of the client's own.
const agent = new http.Agent({ keepAlive: false, maxSockets: CONCURRENCY });

// Next's redirect of a path like /crews/<10,000 characters>/members/.. repeats the path in its
// Location and Refresh headers (20 KB), past Node's default 16 KiB: read such answers too.
const MAX_RESPONSE_HEADERS = 256 * 1024;

/** Sends with node:http, which (unlike fetch) lets header values carry Latin-1 bytes as attackers can. */
function send(request: FuzzRequest): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const headers = { ...request.headers, ...(request.body ? { "content-length": String(request.body.byteLength) } : {}) };
    const req = http.request(`${baseUrl()}${request.url}`, { method: request.method, headers, agent, maxHeaderSize: MAX_RESPONSE_HEADERS }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => resolve({ request, status: 0, text: "", problem: `no answer: ${error.message}`, ms: Date.now() - started }));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const status = response.statusCode ?? 0;
        resolve({ request, status, text, problem: problemWith(status, String(response.headers["content-type"] ?? ""), text), ms: Date.now() - started });
      });
    });
    // The server hanging up without an answer is a failure of the property, not of the run.
    req.on("error", (error) => resolve({ request, status: 0, text: "", problem: `no answer: ${error.message}`, ms: Date.now() - started }));
    req.end(request.body);
  });
}

/** Why the response breaks the contract, or null. */
function problemWith(status: number, contentType: string, text: string): string | null {
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return null;
  // Node's HTTP parser itself refuses a request line and headers over 16 KiB (a 10,000-character
  // id with long query values), with an empty 431, before the app sees it: a correct refusal.
  if (status === 431) return null;
  if (!/^application\/json/.test(contentType)) return `a ${status} that is not JSON`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `a ${status} with a body that does not parse`;
  }
  // Payments refuse in Haldir's documented shape {authorized: false, reason, code} instead.
  const isPaymentRefusal = body.authorized === false && typeof body.reason === "string";
  if ((typeof body.error !== "string" && !isPaymentRefusal) || typeof body.code !== "string") return `a ${status} without {error, code}`;
  if (body.code === "invalid_request" && (typeof body.field !== "string" || typeof body.reason !== "string")) return "a 400 without {field, reason}";
  return null;
}

const describeRequest = (o: Outcome) =>
  `${o.problem}: ${o.request.method} ${o.request.url.slice(0, 300)} headers=${JSON.stringify(o.request.headers).slice(0, 300)} body=${Buffer.from(o.request.body ?? []).toString("utf8").slice(0, 300)} -> ${o.text.slice(0, 300)}`;

/** A fresh workspace with a live session, a crew, a policy and a secret the requests can name. */
async function seedTarget(): Promise<{ key: string; known: KnownIds }> {
  const { key } = await seedWorkspace();
  const session = await createSession(key, { agent_id: "fuzz-agent", scopes: ["read", "spend"], spend_limit: 100 });
  await authorize(key, session.session_id, 1);
  const crew = await api("POST", "/api/v1/crews", { key, body: { name: "fuzz crew", budget: 50 } });
  const policy = await api("POST", "/api/v1/policies", { key, body: { name: "fuzz policy", rules: [{ id: "r1", kinds: ["payment"], effect: "LOG" }] } });
  const secret = await api("POST", "/api/v1/secrets", { key, body: { name: "fuzz-secret", value: "s3cret" } });
  expect([crew.status, policy.status, secret.status]).toEqual([201, 201, 201]);
  return { key, known: { session: session.session_id, agent: "fuzz-agent", crew: crew.body.crew_id, policy: policy.body.policy_id, secret: "fuzz-secret" } };
}

describe("the agent API under generated hostile input", () => {
  afterAll(async () => {
    agent.destroy();
    // Still alive and serving after everything it was sent.
    expect((await fetch(`${baseUrl()}/api/healthz`)).status).toBe(200);
  });

  it(`answers every generated request below 500, with errors in the documented shape`, { timeout: Math.max(300_000, RUNS * 100) }, async () => {
    const document = (await api("GET", "/api/openapi.json")).body as Parameters<typeof operationsOf>[0];
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThanOrEqual(45);

    // A fresh workspace every PER_WORKSPACE requests, so what earlier requests created (keys,
    // policies, agents, audit entries) does not make the lists ever slower.
    const outcomes: Outcome[] = [];
    for (let chunk = 0; chunk * PER_WORKSPACE < RUNS; chunk++) {
      const { key, known } = await seedTarget();
      const arbitrary = fc.oneof(...operations.map((op) => requestFor(op, key, known)));
      const requests = fc.sample(arbitrary, { numRuns: Math.min(PER_WORKSPACE, RUNS - chunk * PER_WORKSPACE), seed: SEED + chunk });
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < requests.length) outcomes.push(await send(requests[next++]!));
        }),
      );
    }

    const failures = outcomes.filter((o) => o.problem !== null);
    const fiveHundreds = outcomes.filter((o) => o.status >= 500).length;
    const counts = new Map<number, number>();
    for (const o of outcomes) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
    const byStatus = [...counts].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
    console.log(
      `api fuzz: ${outcomes.length} requests over ${operations.length} operations (FUZZ_SEED=${SEED}); ${fiveHundreds} answered ≥ 500; ${failures.length} broke the contract; by status ${byStatus.join(", ")}`,
    );
    if (process.env.FUZZ_SLOWEST) for (const o of [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 8)) console.log(`${o.ms} ms ${o.status} ${o.request.method} ${o.request.url.slice(0, 120)}`);
    expect(outcomes).toHaveLength(RUNS);
    expect(failures.slice(0, 20).map(describeRequest), `replay with FUZZ_SEED=${SEED}`).toEqual([]);
    expect(fiveHundreds).toBe(0);
  });
});
