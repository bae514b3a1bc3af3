// Proves that the Warden instances behind one base URL (a proxy in front of two or more app
// instances on one PostgreSQL database) share budgets and one audit chain: bursts of concurrent
// payments against session, agent and crew budgets authorize exactly the limit; concurrent audit
// writes land in one unforked chain; a revocation is effective on the next call, whichever
// instance serves it. Run it against a deployment (docker-compose.yml) with a key holding `*`:
//
//   npx tsx scripts/two-instances.ts http://localhost:8080 <api key>
//
// It creates its own agents, crew and sessions (names with a random suffix) in the key's
// workspace and spends at most $120 of made-up budget. The integration test
// tests/integration/postgres-only/two-instances-behind-proxy.test.ts runs the same checks.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";

export type Check = { name: string; ok: boolean; detail: string };
export type Report = { checks: Check[]; servedBy: Record<string, number>; ok: boolean };

type Answer = { status: number; body: Record<string, unknown>; servedBy: string | null };

export async function checkInstances(baseUrl: string, key: string, options: { burst?: number } = {}): Promise<Report> {
  const burst = options.burst ?? 200;
  const suffix = randomBytes(3).toString("hex");
  const servedBy: Record<string, number> = {};
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // The proxy names the instance that answered (nginx: $upstream_addr); absent, nothing is counted.
    const upstream = response.headers.get("x-served-by");
    if (upstream) servedBy[upstream] = (servedBy[upstream] ?? 0) + 1;
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, servedBy: upstream };
  }
  async function ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await call(method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  const session = async (agentId: string, extra: Record<string, unknown> = {}) =>
    (await ok("POST", "/api/v1/sessions", { agent_id: agentId, scopes: ["spend"], ...extra })).session_id as string;
  const pay = (sessionIds: string[]) =>
    Promise.all(Array.from({ length: burst }, (_, i) => call("POST", "/api/v1/payments/authorize", { session_id: sessionIds[i % sessionIds.length], amount: 1, description: `burst ${i}` })));
  const tally = (answers: Answer[], refusal: string) => ({
    authorized: answers.filter((a) => a.status === 200).length,
    refusedRight: answers.filter((a) => a.status === 403 && a.body.code === refusal).length,
  });
  const burstCheck = (name: string, limit: number, answers: Answer[], refusal: string, spent: unknown) => {
    const { authorized, refusedRight } = tally(answers, refusal);
    check(name, authorized === limit && refusedRight === burst - limit && spent === limit,
      `${burst} concurrent $1 payments: ${authorized} authorized (limit ${limit}), ${refusedRight} refused with ${refusal}, spent ${String(spent)}`);
  };

  // Session budget: one session with a $50 limit.
  const sessionId = await session(`two-inst-session-${suffix}`, { spend_limit: 50 });
  const sessionBurst = await pay([sessionId]);
  burstCheck("session budget", 50, sessionBurst, "session_budget_exceeded", (await ok("GET", `/api/v1/sessions/${sessionId}`)).spent);

  // Agent budget: $30 over four sessions of one agent, none with a limit of its own.
  const agentId = `two-inst-agent-${suffix}`;
  await ok("POST", "/api/v1/agents", { agent_id: agentId, budget: 30, budget_window: "total" });
  const agentSessions = await Promise.all(Array.from({ length: 4 }, () => session(agentId)));
  const agentBurst = await pay(agentSessions);
  burstCheck("agent budget", 30, agentBurst, "agent_budget_exceeded", (await ok("GET", `/api/v1/agents/${agentId}`)).spent);

  // Crew budget: $40 shared by two agents' sessions.
  const members = [`two-inst-crew-a-${suffix}`, `two-inst-crew-b-${suffix}`];
  const crew = await ok("POST", "/api/v1/crews", { name: `two-inst-crew-${suffix}`, budget: 40, budget_window: "run", agent_ids: members });
  const crewId = crew.crew_id as string;
  const crewSessions = await Promise.all(members.map((m) => session(m, { crew_id: crewId })));
  const crewBurst = await pay(crewSessions);
  burstCheck("crew budget", 40, crewBurst, "crew_budget_exceeded", (await ok("GET", `/api/v1/crews/${crewId}`)).spent);

  // Audit chain: concurrent writes, then the workspace's chain verifies and its seq has no gap or fork.
  const logSession = await session(`two-inst-log-${suffix}`);
  const writes = await Promise.all(Array.from({ length: 100 }, (_, i) => call("POST", "/api/v1/audit", { session_id: logSession, action: `two-instances-${i}` })));
  const logged = writes.filter((w) => w.status === 201).length;
  const verify = await ok("GET", "/api/v1/audit/verify");
  const seqs = await allSeqs(ok);
  const contiguous = seqs.every((seq, i) => i === 0 || seq === seqs[i - 1]! + 1) && new Set(seqs).size === seqs.length;
  check("audit chain", logged === 100 && verify.verified === true && contiguous,
    `100 concurrent audit writes: ${logged} acknowledged; verify: ${String(verify.verified)} (${String(verify.entries_checked)} entries); seq ${seqs[0]}..${seqs.at(-1)}, ${seqs.length} entries, ${contiguous ? "contiguous" : "GAP OR FORK"}`);

  // Revocation through one call is effective on the next calls, wherever they land.
  const revoked = await session(`two-inst-revoke-${suffix}`);
  await ok("DELETE", `/api/v1/sessions/${revoked}`);
  const after = await Promise.all(Array.from({ length: 6 }, () => call("POST", "/api/v1/payments/authorize", { session_id: revoked, amount: 1 })));
  const refusedAfter = after.filter((a) => a.status === 401 && a.body.code === "session_invalid").length;
  check("revocation", refusedAfter === after.length, `${refusedAfter}/${after.length} payments on the revoked session refused (session_invalid)`);

  const instances = Object.keys(servedBy).length;
  check("instances", instances !== 1, instances === 0 ? "the proxy sends no X-Served-By header: could not tell which instance answered" : `requests answered by ${instances} instances`);
  return { checks, servedBy, ok: checks.every((c) => c.ok) };
}

/** The whole trail's seq, oldest first (cursor paging, 1,000 at a time). */
async function allSeqs(ok: (method: string, path: string) => Promise<Record<string, unknown>>): Promise<number[]> {
  const seqs: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await ok("GET", `/api/v1/audit?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    seqs.push(...(page.entries as { seq: number }[]).map((e) => e.seq));
    cursor = (page.next_cursor as string | null) ?? null;
  } while (cursor);
  return seqs.sort((a, b) => a - b);
}

async function main(argv: string[]) {
  const [baseUrl, key] = argv;
  if (!baseUrl || !key) {
    console.error("usage: npx tsx scripts/two-instances.ts <base url, e.g. http://localhost:8080> <api key with *>");
    process.exit(2);
  }
  const report = await checkInstances(baseUrl.replace(/\/+$/, ""), key);
  for (const c of report.checks) console.log(`${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
  console.log(`served by: ${JSON.stringify(report.servedBy)}`);
  process.exit(report.ok ? 0 : 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
