// Helpers for the compliance report's tests: members signed in over HTTP, the report's download,
// and a workspace with known activity (payments in and out of a crew, a refused payment, a
// logged cost, an approved and a denied escalation, a vault secret read).
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { api, baseUrl, cli, createKey, randomSlug } from "./api";
import { authorize, createCrew, createSession, logAction } from "./governance";
import { pdfLines } from "./pdf-text";
import { signInOverHttp } from "./sign-in";

export type Role = "ADMIN" | "REVIEWER" | "AUDITOR" | "VIEWER";

/** A new member of the workspace with the role, signed in: their email and session cookie. */
export async function signedInMember(slug: string, role: Role) {
  const email = `${role.toLowerCase()}-${randomBytes(3).toString("hex")}@r.test`;
  await cli(["create-user", "--email", email, "--password", "password123", "--role", role, "--workspace", slug]);
  const { isSignedIn, cookie } = await signInOverHttp(baseUrl(), email, "password123");
  expect(isSignedIn).toBe(true);
  return { email, cookie };
}

export async function downloadReport(slug: string, cookie: string | null, query: Record<string, string>) {
  const response = await fetch(`${baseUrl()}/w/${slug}/reports/compliance?${new URLSearchParams(query)}`, {
    headers: cookie ? { cookie } : {},
    redirect: "manual",
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const isPdf = response.headers.get("content-type") === "application/pdf";
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    body: isPdf ? null : (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>),
  };
}

/** The report's text, one string per line, read with pdf.js. */
export async function reportLines(slug: string, cookie: string, query: Record<string, string>) {
  const res = await downloadReport(slug, cookie, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ...res, ...(await pdfLines(res.bytes)) };
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A workspace with known activity. Returns what was done, so tests derive the figures they
 * expect from it: buyer pays 12.50 and 7.25 in crew "research" and, once approved, 60.00;
 * planner pays 3.00 without a crew.
 */
export async function workspaceWithActivity() {
  const slug = randomSlug("rep");
  const from = today();
  await cli(["create-workspace", slug, "--name", `Report ${slug}`]);
  const key = await createKey(slug, ["*"]);
  const crew = await createCrew(key, { name: "research", budget: 1000 });
  const buyer = await createSession(key, { agent_id: "buyer", scopes: ["spend", "read"], crew_id: crew.crew_id });
  const planner = await createSession(key, { agent_id: "planner", scopes: ["spend"] });
  const reader = await createSession(key, { agent_id: "reader", scopes: ["read"] });
  for (const [session, amount] of [[buyer, 12.5], [buyer, 7.25], [planner, 3]] as const) {
    expect((await authorize(key, session.session_id, amount)).status).toBe(200);
  }
  expect((await authorize(key, reader.session_id, 40)).status).toBe(403); // no spend scope: refused, not spend
  expect((await logAction(key, { session_id: reader.session_id, action: "web_search", tool: "search", cost_usd: 5 })).status).toBe(201);

  const secretValue = `sk_live_${randomBytes(12).toString("hex")}`;
  expect((await api("POST", "/api/v1/secrets", { key, body: { name: "stripe_key", value: secretValue } })).status).toBe(201);
  const read = await api("GET", `/api/v1/secrets/stripe_key?session_id=${reader.session_id}`, { key });
  expect(read.body.value).toBe(secretValue);

  const policy = await api("POST", "/api/v1/policies", { key, body: { name: "payments", default: "ALLOW", payments: { escalate_above: 50 } } });
  expect((await api("POST", `/api/v1/policies/${policy.body.policy_id}/publish`, { key, body: {} })).body).toMatchObject({ published: true });
  const reviewerName = `rita-${randomBytes(2).toString("hex")}`;
  const reviewer = (await cli(["create-key", "--workspace", slug, "--name", reviewerName, "--scopes", "approvals:decide,approvals:read"])).at(-1)!;
  const escalate = async (amount: number) => {
    const params = { amount, currency: "USD", recipient: "vendor@shop.test" };
    const res = await api("POST", "/api/v1/evaluate", { key, body: { session_id: buyer.session_id, kind: "payment", tool: "stripe", action: "pay invoice", params } });
    expect(res.body.decision, JSON.stringify(res.body)).toBe("ESCALATE");
    return res.body.approval_id as string;
  };
  const approved = await escalate(60);
  const denied = await escalate(75);
  expect((await api("POST", `/api/v1/approvals/${approved}/approve`, { key: reviewer, body: { note: "invoice ok" } })).status).toBe(200);
  expect((await api("POST", `/api/v1/approvals/${denied}/deny`, { key: reviewer, body: { note: "unknown vendor" } })).status).toBe(200);
  const paid = await authorize(key, buyer.session_id, 60, { recipient: "vendor@shop.test", approval_id: approved });
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  return { slug, key, crewId: crew.crew_id, reviewerName, approved, denied, secretValue, from };
}

export { today };
