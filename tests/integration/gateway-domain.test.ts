// The gateway functions the call path uses, at the domain level on a fresh database of this
// project's kind: authenticateGatewayKey (the principal behind a Bearer key) and resolveModel
// (where a model goes, its prices in micros per million tokens, the provider's decrypted key).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authenticateGatewayKey } from "@/lib/gateway/authenticate-gateway-key";
import { issueGatewayKey } from "@/lib/gateway/issue-gateway-key";
import { revokeGatewayKey } from "@/lib/gateway/manage-gateway-keys";
import { deleteModel, putModel } from "@/lib/gateway/manage-models";
import { putProvider } from "@/lib/gateway/manage-providers";
import { resolveModel } from "@/lib/gateway/resolve-model";
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
