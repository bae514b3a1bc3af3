// Load for the crash tests: concurrent payments and audit writes against one server, recording
// every write the server acknowledged (2xx) so that, after the server is killed and restarted,
// the test can look each one up.
import { randomInt } from "node:crypto";

export type Call = { status: number; body: Record<string, any> };

/** One API call against a given server; a network error (the server died) rejects. */
export async function call(url: string, key: string, method: string, path: string, body?: unknown): Promise<Call> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
  } catch {
    return { status: response.status, body: { text } }; // not JSON (a bare 500 page): still an answer
  }
}

export type Acknowledged = {
  /** authorization_id → session and amount in micro-units. */
  payments: Map<string, { sessionId: string; micros: number }>;
  auditIds: Set<string>;
  /** Requests that got any answer, and answers ≥ 500 (there must be none). */
  answered: number;
  serverErrors: Call[];
};

export const emptyAcknowledged = (): Acknowledged => ({ payments: new Map(), auditIds: new Set(), answered: 0, serverErrors: [] });

/** Sends one random write: a payment (1/2), a single audit event (1/4) or a batch of three (1/4). */
async function oneWrite(url: string, key: string, sessions: string[], acked: Acknowledged): Promise<void> {
  const sessionId = sessions[randomInt(sessions.length)]!;
  const dice = randomInt(4);
  let res: Call;
  if (dice < 2) {
    const cents = randomInt(50, 301);
    res = await call(url, key, "POST", "/api/v1/payments/authorize", { session_id: sessionId, amount: cents / 100 });
    if (res.status === 200) acked.payments.set(res.body.authorization_id as string, { sessionId, micros: cents * 10_000 });
  } else if (dice === 2) {
    res = await call(url, key, "POST", "/api/v1/audit", { session_id: sessionId, action: "crash.step", tool: "load" });
    if (res.status === 201) acked.auditIds.add(res.body.entry_id as string);
  } else {
    const events = Array.from({ length: 3 }, (_, i) => ({ session_id: sessionId, action: `crash.batch.${i}`, tool: "load" }));
    res = await call(url, key, "POST", "/api/v1/audit/batch", { events });
    if (res.status === 201) for (const id of res.body.entry_ids as string[]) acked.auditIds.add(id);
  }
  acked.answered++;
  if (res.status >= 500) acked.serverErrors.push(res);
}

/**
 * Runs `workers` concurrent loops of writes until the server stops answering (each loop ends at
 * its first network error). Resolves when every loop has ended.
 */
export function driveUntilDead(options: { url: string; key: string; sessions: string[]; workers: number; acked: Acknowledged }): Promise<void> {
  const { url, key, sessions, workers, acked } = options;
  const loop = async () => {
    for (;;) {
      try {
        await oneWrite(url, key, sessions, acked);
      } catch {
        return; // connection refused or reset: the server is gone
      }
    }
  };
  return Promise.all(Array.from({ length: workers }, loop)).then(() => undefined);
}

/** Resolves once `count` more requests have been answered (the load is really in flight). */
export async function waitForAnswers(acked: Acknowledged, count: number): Promise<void> {
  const target = acked.answered + count;
  while (acked.answered < target) await new Promise((r) => setTimeout(r, 10));
}
