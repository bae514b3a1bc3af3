// The gateway functions the call path uses, at the domain level on a fresh database of this
// project's kind: authenticateGatewayKey (the principal behind a Bearer key), resolveModel
// (where a model goes, its prices in micros per million tokens, the provider's decrypted key),
// and the call log over rows as the call path writes them (keyset paging, filters, detail).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authenticateGatewayKey } from "@/lib/gateway/authenticate-gateway-key";
import { issueGatewayKey } from "@/lib/gateway/issue-gateway-key";
import { getGatewayCall, listGatewayCalls } from "@/lib/gateway/list-gateway-calls";
import { revokeGatewayKey } from "@/lib/gateway/manage-gateway-keys";
import { deleteModel, putModel } from "@/lib/gateway/manage-models";
import { putProvider } from "@/lib/gateway/manage-providers";
import { resolveModel } from "@/lib/gateway/resolve-model";
import { ListGatewayCallsQuery } from "@/lib/gateway/schemas";
import { newId } from "@/lib/ids";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomSlug } from "../helpers/api";
import { databaseLabel, useFreshDatabaseForProcess, type FreshDatabase } from "../helpers/databases";

const ADMIN: Actor = { type: "user", id: "usr_01JD0000000000000000000000" };
// A public address literal: this process does not set WARDEN_GATEWAY_ALLOW_PRIVATE, and nothing is called.
const BASE_URL = "https://93.184.215.14/v1";

let fresh: FreshDatabase;

beforeAll(async () => {
  process.env.WARDEN_MASTER_KEY = randomBytes(32).toString("base64");
  fresh = await useFreshDatabaseForProcess();
});

afterAll(async () => {
  await fresh?.dispose();
});

const newWorkspace = async () => (await createWorkspace({ slug: randomSlug() }, ADMIN)).id;

async function refusal(authorization: string | null): Promise<AppError> {
  const error = await authenticateGatewayKey(authorization).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("unauthorized");
  return error as AppError;
}

describe(`authenticateGatewayKey (${databaseLabel()})`, () => {
  it("answers the key's workspace, session, agent and crew, and records its first use", async () => {
    const workspaceId = await newWorkspace();
    const issued = await issueGatewayKey(workspaceId, { name: "k", agent_id: "writer" }, ADMIN);
    expect(await authenticateGatewayKey(`Bearer ${issued.key}`)).toEqual({
      keyId: issued.id,
      workspaceId,
      sessionId: issued.session_id,
      agentId: "writer",
      crewId: null,
    });
    const db = await prisma();
    const firstUse = (await db.gatewayKey.findUniqueOrThrow({ where: { id: issued.id } })).lastUsedAt;
    expect(firstUse).toBeInstanceOf(Date);
    await authenticateGatewayKey(`Bearer ${issued.key}`);
    // At most one write a minute: a second call right after leaves the time as it was.
    expect((await db.gatewayKey.findUniqueOrThrow({ where: { id: issued.id } })).lastUsedAt).toEqual(firstUse);
  });

  it("refuses a revoked key and an unknown one with 401, never repeating the key", async () => {
    const workspaceId = await newWorkspace();
    const issued = await issueGatewayKey(workspaceId, { name: "k", agent_id: "writer" }, ADMIN);
    await revokeGatewayKey(workspaceId, issued.id, ADMIN);
    expect((await refusal(`Bearer ${issued.key}`)).message).toBe("Gateway key has been revoked");
    const unknown = `wgk_${randomBytes(32).toString("base64url")}`;
    expect((await refusal(`Bearer ${unknown}`)).message).not.toContain(unknown);
    await refusal(null);
  });
});

describe(`resolveModel (${databaseLabel()})`, () => {
  it("resolves a model to its upstream, prices in micros per million tokens and the provider's decrypted key", async () => {
    const workspaceId = await newWorkspace();
    await putProvider(workspaceId, { name: "openai", base_url: BASE_URL, api_key: "sk-upstream-123" }, ADMIN);
    await putModel(workspaceId, { model: "gpt-4o", provider: "openai", upstream_model: "gpt-4o-2024-08-06", input_price: 2.5, output_price: 10 }, ADMIN);
    expect(await resolveModel(workspaceId, "gpt-4o")).toEqual({
      model: "gpt-4o",
      upstreamModel: "gpt-4o-2024-08-06",
      providerName: "openai",
      baseUrl: BASE_URL,
      apiKey: "sk-upstream-123",
      inputMicrosPerMtok: 2_500_000n,
      outputMicrosPerMtok: 10_000_000n,
      maxOutputTokens: 4096,
    });
  });

  it("answers null for a model without a row, and sees changes made in this process at once", async () => {
    const workspaceId = await newWorkspace();
    await putProvider(workspaceId, { name: "local", base_url: BASE_URL }, ADMIN);
    expect(await resolveModel(workspaceId, "llama3")).toBeNull();
    await putModel(workspaceId, { model: "llama3", provider: "local", input_price: 0, output_price: 0.000001 }, ADMIN);
    expect(await resolveModel(workspaceId, "llama3")).toMatchObject({ apiKey: null, outputMicrosPerMtok: 1n });
    await putModel(workspaceId, { model: "llama3", provider: "local", input_price: 1, output_price: 1, max_output_tokens: 256 }, ADMIN);
    expect(await resolveModel(workspaceId, "llama3")).toMatchObject({ inputMicrosPerMtok: 1_000_000n, maxOutputTokens: 256 });
    await deleteModel(workspaceId, "llama3", ADMIN);
    expect(await resolveModel(workspaceId, "llama3")).toBeNull();
  });

  it("does not resolve another workspace's model", async () => {
    const workspaceId = await newWorkspace();
    const otherId = await newWorkspace();
    await putProvider(otherId, { name: "p", base_url: BASE_URL }, ADMIN);
    await putModel(otherId, { model: "theirs", provider: "p", input_price: 1, output_price: 1 }, ADMIN);
    expect(await resolveModel(workspaceId, "theirs")).toBeNull();
  });
});

/** Five calls a second apart: keys gwk_a (agents a1, a2) and gwk_b (agent a1). */
async function workspaceWithCalls() {
  const workspaceId = (await createWorkspace({ slug: randomSlug() }, ADMIN)).id;
  const rows = [
    ["gwk_a", "a1"],
    ["gwk_a", "a2"],
    ["gwk_b", "a1"],
    ["gwk_a", "a1"],
    ["gwk_b", "a1"],
  ].map(([keyId, agentId], i) => ({
    id: newId("gatewayCall"),
    workspaceId,
    keyId: keyId!,
    sessionId: "ses_x",
    agentId: agentId!,
    model: "gpt-4o",
    stream: false,
    status: "completed",
    decision: "ALLOW",
    promptTokens: 10 * i,
    completionTokens: 5,
    costMicros: 1_500n,
    createdAt: new Date(Date.UTC(2026, 11, 7, 4, 0, i)),
  }));
  const db = await prisma();
  await db.gatewayCall.createMany({ data: rows });
  return { workspaceId, ids: rows.map((r) => r.id) };
}

const list = (workspaceId: string, query: Record<string, unknown>) => listGatewayCalls(workspaceId, ListGatewayCallsQuery.parse(query));

describe(`the gateway call log (${databaseLabel()})`, () => {
  it("lists calls newest first, two at a time, the cursor continuing where the page ended", async () => {
    const { workspaceId, ids } = await workspaceWithCalls();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listGatewayCalls>> = await list(workspaceId, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.calls.map((c) => c.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("filters by key and by agent, and shows cost in money", async () => {
    const { workspaceId, ids } = await workspaceWithCalls();
    expect((await list(workspaceId, { key_id: "gwk_b" })).calls.map((c) => c.id)).toEqual([ids[4], ids[2]]);
    expect((await list(workspaceId, { key_id: "gwk_a", agent_id: "a1" })).calls.map((c) => c.id)).toEqual([ids[3], ids[0]]);
    expect((await list(workspaceId, { agent_id: "a2" })).calls[0]).toMatchObject({ id: ids[1], key_id: "gwk_a", prompt_tokens: 10, completion_tokens: 5, cost: 0.0015 });
  });

  it("gives one call's detail, and answers another workspace's call with 404", async () => {
    const { workspaceId, ids } = await workspaceWithCalls();
    const other = await workspaceWithCalls();
    expect(await getGatewayCall(workspaceId, ids[0]!)).toMatchObject({ id: ids[0], reasons: [], tool_calls: [], request_body: null, response_body: null });
    const error = await getGatewayCall(workspaceId, other.ids[0]!).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
  });
});
