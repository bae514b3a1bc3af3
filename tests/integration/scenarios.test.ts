// The two seed scenarios from Haldir's AutoGen and CrewAI guides, as an agent would run them
// over HTTP with only the base URL changed: create_session, check_permission, authorize_payment,
// log_action, get_audit_trail, get_spend, revoke_session.
import { describe, expect, it } from "vitest";
import { api, seedWorkspace } from "../helpers/api";
import {
  allAuditEntries,
  auditPage,
  authorize,
  check,
  createCrew,
  createSession,
  getSession,
  logAction,
  revokeSession,
  spend,
  verify,
} from "../helpers/governance";

describe("the AutoGen user-proxy scenario", () => {
  it("checks, pays for and logs an email, reports trail and spend per agent, then revokes", async () => {
    const { key } = await seedWorkspace(["sessions:write", "payments:write", "audit:write"]);

    const session = await createSession(key, { agent_id: "user_proxy", scopes: ["read", "execute", "send_email", "spend:50"] });
    expect(session).toMatchObject({ agent_id: "user_proxy", scopes: ["read", "execute", "send_email", "spend"], spend_limit: 50 });
    const sessionId = session.session_id;

    const read = await check(key, sessionId, "read");
    expect(read.body).toMatchObject({ allowed: true, scope: "read" });
    const admin = await check(key, sessionId, "admin");
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ allowed: false, scope: "admin" });
    expect((await check(key, sessionId, "send_email")).body.allowed).toBe(true);

    const payment = await authorize(key, sessionId, 0.05, { description: "Send email via SendGrid", recipient: "sendgrid" });
    expect(payment.status).toBe(200);
    expect(payment.body).toMatchObject({ authorized: true, amount: 0.05, currency: "USD", remaining_budget: 49.95, agent_id: "user_proxy" });

    const logged = await logAction(key, {
      session_id: sessionId,
      tool: "send_email",
      action: "Sent the weekly report to team@example.com",
      cost_usd: 0.05,
      details: { to: "team@example.com", subject: "Weekly report" },
    });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ logged: true, flagged: false });

    const trail = await allAuditEntries(key, { agent_id: "user_proxy" });
    expect(trail.map((e) => e.action)).toEqual(["Sent the weekly report to team@example.com", "payment.authorized", "scope.check", "scope.check", "scope.check", "session.created"]);
    expect(trail.find((e) => e.details.scope === "admin")).toMatchObject({ decision: "BLOCK", flagged: true, flag_reason: "denied_check" });
    expect((await auditPage(key, { session_id: sessionId, tool: "send_email" })).entries).toEqual([
      expect.objectContaining({ entry_id: logged.body.entry_id, cost_usd: 0.05, details: { to: "team@example.com", subject: "Weekly report" } }),
    ]);

    const spent = await spend(key, "agent_id=user_proxy");
    // As Haldir reports it: the logged email's cost in total_usd and by_tool, the payment apart.
    expect(spent).toMatchObject({ total_usd: 0.05, payments_usd: 0.05, payment_count: 1 });
    expect(spent.by_tool).toMatchObject({ send_email: 0.05 });
    expect((await spend(key, `session_id=${sessionId}`)).total_usd).toBe(0.05);
    expect(await getSession(key, sessionId)).toMatchObject({ spent: 0.05, remaining_budget: 49.95, is_valid: true });

    expect(await revokeSession(key, sessionId)).toEqual({ revoked: true, session_id: sessionId });
    expect((await check(key, sessionId, "read")).body.allowed).toBe(false);
    expect((await authorize(key, sessionId, 0.05)).status).toBe(401);
    expect((await logAction(key, { session_id: sessionId, action: "one more email" })).status).toBe(401);
    expect((await verify(key)).verified).toBe(true);
  });
});

describe("the CrewAI crew scenario", () => {
  it("keeps researcher, analyst and writer within their $5/$10/$2 session limits and the crew within $15", async () => {
    const { key } = await seedWorkspace();
    const crew = await createCrew(key, { name: "market-research", budget: 15 });
    const researcher = await createSession(key, { agent_id: "researcher", scopes: ["read", "search", "spend"], spend_limit: 5, crew_id: crew.crew_id });
    const analyst = await createSession(key, { agent_id: "analyst", scopes: ["read", "analyze", "spend"], spend_limit: 10, crew_id: crew.crew_id });
    const writer = await createSession(key, { agent_id: "writer", scopes: ["read", "write", "spend"], spend_limit: 2, crew_id: crew.crew_id });
    expect((await api("GET", `/api/v1/crews/${crew.crew_id}`, { key })).body.members).toEqual(["researcher", "analyst", "writer"]);

    // The researcher spends its $5 on searches; the sixth dollar passes its own limit.
    for (let i = 0; i < 5; i++) expect((await authorize(key, researcher.session_id, 1, { description: `search ${i}` })).status).toBe(200);
    const researcherOver = await authorize(key, researcher.session_id, 1);
    expect(researcherOver.status).toBe(403);
    expect(researcherOver.body).toMatchObject({ authorized: false, code: "session_budget_exceeded" });
    await logAction(key, { session_id: researcher.session_id, tool: "web_search", action: "Searched for market data", details: { queries: 5 } });

    // The analyst spends its $10, which brings the crew to its $15.
    expect((await authorize(key, analyst.session_id, 6, { description: "dataset" })).status).toBe(200);
    const analystOver = await authorize(key, analyst.session_id, 4.01);
    expect(analystOver.body).toMatchObject({ authorized: false, code: "session_budget_exceeded" });
    expect((await authorize(key, analyst.session_id, 4, { description: "compute" })).status).toBe(200);
    await logAction(key, { session_id: analyst.session_id, tool: "python", action: "Analysed the dataset" });

    // The writer is within its own $2, but the crew has nothing left.
    const writerRefused = await authorize(key, writer.session_id, 1, { description: "grammar check" });
    expect(writerRefused.status).toBe(403);
    expect(writerRefused.body).toMatchObject({ authorized: false, code: "crew_budget_exceeded" });
    expect(await getSession(key, writer.session_id)).toMatchObject({ spent: 0, remaining_budget: 2 });
    expect((await check(key, writer.session_id, "write")).body.allowed).toBe(true);
    await logAction(key, { session_id: writer.session_id, tool: "editor", action: "Wrote the report" });

    expect((await api("GET", `/api/v1/crews/${crew.crew_id}`, { key })).body).toMatchObject({ budget: 15, spent: 15, remaining_budget: 0 });
    expect((await spend(key, "agent_id=researcher")).payments_usd).toBe(5);
    expect((await spend(key, "agent_id=analyst")).payments_usd).toBe(10);
    expect((await spend(key, "agent_id=writer")).payments_usd).toBe(0);
    const crewSpend = await spend(key, `crew_id=${crew.crew_id}`);
    expect(crewSpend).toMatchObject({ total_usd: 0, payments_usd: 15 });
    expect(crewSpend.by_tool).toMatchObject({ web_search: 0, python: 0, editor: 0 });

    const refusals = (await auditPage(key, { flagged: true })).entries.filter((e) => e.action === "payment.refused");
    expect(refusals.map((e) => [e.agent_id, e.flag_reason])).toEqual([
      ["writer", "crew_budget_exceeded"],
      ["analyst", "session_budget_exceeded"],
      ["researcher", "session_budget_exceeded"],
    ]);

    for (const s of [researcher, analyst, writer]) await revokeSession(key, s.session_id);
    expect((await verify(key)).verified).toBe(true);
  });
});
