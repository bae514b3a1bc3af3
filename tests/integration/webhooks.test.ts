// Webhooks over real HTTP: a receiver in this test verifies each signature and sees each
// approval event once, although it fails the first delivery (the server retries with backoff);
// the delivery log shows the attempts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "@/lib/webhooks/signature";
import { api, createKey, seedWorkspace } from "../helpers/api";
import { createSession, expectInvalid, sleep } from "../helpers/governance";

type Received = { delivery: string; event: string; body: Record<string, unknown>; signature: string; raw: string };

let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end("try later");
        return;
      }
      received.push({
        delivery: String(req.headers["x-warden-delivery"]),
        event: String(req.headers["x-warden-event"]),
        signature: String(req.headers["x-warden-signature"]),
        body: JSON.parse(raw) as Record<string, unknown>,
        raw,
      });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

async function until<T>(check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(200);
  }
}

describe("approval webhooks", () => {
  it("delivers each event once, signed, despite a failed first delivery, and logs the attempts", async () => {
    const { slug, key } = await seedWorkspace();
    const created = await api("POST", "/api/v1/webhooks", { key, body: { url: receiverUrl } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ webhook_id: expect.stringMatching(/^whk_/), url: receiverUrl, secret: expect.stringMatching(/^whsec_/) });
    const secret = created.body.secret as string;
    const listed = await api("GET", "/api/v1/webhooks", { key });
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const policy = await api("POST", "/api/v1/policies", { key, body: { name: "p", default: "ALLOW", payments: { escalate_above: 50 } } });
    await api("POST", `/api/v1/policies/${policy.body.policy_id}/publish`, { key, body: {} });
    const { session_id } = await createSession(key, { agent_id: "buyer", scopes: ["spend"] });
    failuresLeft = 1;
    const before = received.length;
    const escalated = await api("POST", "/api/v1/payments/authorize", { key, body: { session_id, amount: 60 } });
    const approvalId = escalated.body.approval_id as string;
    await api("POST", `/api/v1/approvals/${approvalId}/approve`, { key: await createKey(slug, ["approvals:decide"]), body: { note: "fine" } });

    const mine = await until(() => {
      const events = received.slice(before).filter((r) => (r.body.data as { request_id?: string }).request_id === approvalId);
      return events.length >= 2 && events;
    });
    await sleep(1_500); // nothing more arrives
    const final = received.slice(before).filter((r) => (r.body.data as { request_id?: string }).request_id === approvalId);
    expect(final.map((r) => r.event).sort()).toEqual(["approval.approved", "approval.requested"]);
    expect(new Set(final.map((r) => r.delivery)).size).toBe(2);
    for (const r of mine) {
      expect(verifySignature(secret, r.raw, r.signature)).toBe(true);
      expect(verifySignature("whsec_wrong", r.raw, r.signature)).toBe(false);
      expect(r.body).toMatchObject({ id: r.delivery, event: r.event, data: { request_id: approvalId, agent_id: "buyer", amount: 60 } });
    }
    expect(final.find((r) => r.event === "approval.approved")!.body.data).toMatchObject({ status: "approved", decision_note: "fine" });

    const log = await api("GET", `/api/v1/webhooks/${created.body.webhook_id}/deliveries`, { key });
    const deliveries = log.body.deliveries as { event: string; status: string; attempts: number; last_status_code: number }[];
    expect(deliveries.map((d) => d.event).sort()).toEqual(["approval.approved", "approval.requested"]);
    expect(deliveries.every((d) => d.status === "delivered" && d.last_status_code === 200)).toBe(true);
    // The receiver refused exactly one attempt (whichever arrived first): it was retried.
    expect(deliveries.map((d) => d.attempts).sort()).toEqual([1, 2]);
  });

  it("stops sending to a deleted endpoint, and validates the URL and events", async () => {
    const { key } = await seedWorkspace();
    const created = await api("POST", "/api/v1/webhooks", { key, body: { url: receiverUrl, events: ["approval.denied"] } });
    expect((await api("DELETE", `/api/v1/webhooks/${created.body.webhook_id}`, { key })).body).toEqual({ deleted: true, webhook_id: created.body.webhook_id });
    expect((await api("GET", "/api/v1/webhooks", { key })).body).toEqual({ count: 0, webhooks: [] });
    expectInvalid(await api("POST", "/api/v1/webhooks", { key, body: { url: "ftp://x.example" } }), "url");
    expectInvalid(await api("POST", "/api/v1/webhooks", { key, body: { url: receiverUrl, events: ["everything"] } }), "events.0");
  });
});
