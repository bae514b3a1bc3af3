// The webhook SSRF guard over real HTTP. The shared test server allows private targets (its
// receivers listen on 127.0.0.1); this file also starts a server that does not, on data written
// by one that did: creation refuses every internal target form, and a stored internal target is
// refused again at delivery. Delivery errors never reveal an address or a port.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, seedWorkspace } from "../helpers/api";
import { createEmptyPostgresDatabase, isPostgres } from "../helpers/databases";
import { expectInvalid, sleep } from "../helpers/governance";
import { freePort, startTestServer, type TestServer } from "../helpers/test-server";

type Reply = { status: number; body: Record<string, unknown> & { [k: string]: any } };
type Delivery = { status: string; attempts: number; last_status_code: number | null; last_error: string | null };

/** api() against a given server (the helpers' api() talks to the shared one). */
async function callOn(server: TestServer, method: string, path: string, key: string | null, body?: unknown): Promise<Reply> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Reply["body"] };
}

async function cliOn(server: TestServer, argv: string[]): Promise<string[]> {
  const response = await fetch(`${server.url}/api/internal/cli`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-warden-cli-token": server.cliToken },
    body: JSON.stringify({ argv }),
  });
  const body = (await response.json()) as { lines: string[] };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.lines;
}

type Call = (method: string, path: string, body?: unknown) => Promise<Reply>;

/** Publishes a policy escalating payments above $50 and makes one: an approval.requested event. */
async function raiseApprovalEvent(call: Call): Promise<void> {
  const policy = await call("POST", "/api/v1/policies", { name: "escalate", default: "ALLOW", payments: { escalate_above: 50 } });
  expect((await call("POST", `/api/v1/policies/${policy.body.policy_id}/publish`, {})).status).toBe(201);
  const session = await call("POST", "/api/v1/sessions", { agent_id: "buyer", scopes: ["spend"] });
  const payment = await call("POST", "/api/v1/payments/authorize", { session_id: session.body.session_id, amount: 60 });
  expect(payment.body.status, JSON.stringify(payment.body)).toBe("pending_approval");
}

async function firstAttempt(call: Call, webhookId: string): Promise<Delivery> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const log = await call("GET", `/api/v1/webhooks/${webhookId}/deliveries`);
    const [delivery] = log.body.deliveries as Delivery[];
    if (delivery && delivery.attempts > 0) return delivery;
    if (Date.now() > deadline) throw new Error(`no delivery attempt: ${JSON.stringify(log.body)}`);
    await sleep(250);
  }
}

let receiver: http.Server;
let receiverUrl: string;
let requestsReceived = 0;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    requestsReceived++;
    req.resume();
    res.writeHead(200).end("ok");
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});

afterAll(() => new Promise((resolve) => receiver.close(resolve)));

describe("webhook delivery errors", () => {
  it("record a refused connection as 'connection failed', without the address, port or error kind", async () => {
    const { key } = await seedWorkspace();
    const closedPort = await freePort();
    const call: Call = (method, path, body) => api(method, path, { key, body });
    const created = await call("POST", "/api/v1/webhooks", { url: `http://127.0.0.1:${closedPort}/hooks` });
    expect(created.status).toBe(201);
    await raiseApprovalEvent(call);
    const delivery = await firstAttempt(call, created.body.webhook_id as string);
    expect(delivery).toMatchObject({ status: "pending", last_status_code: null, last_error: "connection failed" });
  });

  it("refuse URLs with credentials or another scheme even where private targets are allowed", async () => {
    const { key } = await seedWorkspace();
    for (const url of ["http://user:secret@127.0.0.1:9/hooks", "ftp://127.0.0.1/hooks"]) {
      expectInvalid(await api("POST", "/api/v1/webhooks", { key, body: { url } }), "url");
    }
  });
});

describe("a server refusing private webhook targets", () => {
  let server: TestServer;
  let dropDatabase: () => Promise<void> = async () => undefined;
  let key: string;
  let storedWebhookId: string;

  // An endpoint stored while private targets were allowed, then a restart without the setting.
  beforeAll(async () => {
    const database = isPostgres() ? await createEmptyPostgresDatabase() : null;
    if (database) dropDatabase = database.drop;
    const allowing = await startTestServer({ databaseUrl: database?.url, env: { WARDEN_WEBHOOK_ALLOW_PRIVATE: "true" } });
    try {
      await cliOn(allowing, ["create-workspace", "guarded"]);
      key = (await cliOn(allowing, ["create-key", "--workspace", "guarded", "--name", "k", "--scopes", "*"])).at(-1)!;
      const created = await callOn(allowing, "POST", "/api/v1/webhooks", key, { url: receiverUrl });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      storedWebhookId = created.body.webhook_id as string;
    } finally {
      await allowing.stop({ keepDataDir: true });
    }
    server = await startTestServer({ databaseUrl: database?.url, dataDir: allowing.dataDir, env: { WARDEN_WEBHOOK_ALLOW_PRIVATE: "false" } });
  });

  afterAll(async () => {
    await server?.stop({ saveLogTo: "test-results/webhook-guard-server.log" });
    await dropDatabase();
  });

  it("refuses every loopback, private, link-local and metadata target at creation, naming the url field", async () => {
    const targets = [
      "http://127.0.0.1/hooks",
      "http://localhost:3000/hooks",
      "http://[::1]/hooks",
      "http://0.0.0.0/hooks",
      "http://10.0.0.1/hooks",
      "http://192.168.1.10/hooks",
      "http://172.16.5.4/hooks",
      "http://100.64.0.1/hooks",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://[fe80::1]/hooks",
      "http://[fd00::1]/hooks",
      "http://2130706433/hooks",
      "http://0x7f000001/hooks",
      "http://127.1/hooks",
      "http://0177.0.0.1/hooks",
      "http://metadata.google.internal/computeMetadata/v1/",
      "http://app.localhost/hooks",
      receiverUrl,
    ];
    for (const url of targets) {
      const refused = await callOn(server, "POST", "/api/v1/webhooks", key, { url });
      expect(refused.status, url).toBe(400);
      expect(refused.body, url).toMatchObject({ code: "invalid_request", field: "url", reason: expect.stringMatching(/address/) });
    }
    const listed = await callOn(server, "GET", "/api/v1/webhooks", key);
    expect((listed.body.webhooks as { webhook_id: string }[]).map((w) => w.webhook_id)).toEqual([storedWebhookId]);
  });

  it("refuses the stored private target again at delivery, sending nothing", async () => {
    const before = requestsReceived;
    await raiseApprovalEvent((method, path, body) => callOn(server, method, path, key, body));
    const delivery = await firstAttempt((method, path) => callOn(server, method, path, key), storedWebhookId);
    expect(delivery).toMatchObject({ status: "pending", last_status_code: null, last_error: "target address not allowed" });
    expect(requestsReceived).toBe(before);
  });
});
