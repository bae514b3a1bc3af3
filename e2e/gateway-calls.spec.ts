// Journey: an agent calls a model through the gateway (a fake upstream on this machine), and an
// admin follows the call from the gateway page's Recent calls to its detail: tokens, the tool
// call that policy blocked, its receipt, and the bodies only once the workspace stores them.
// Its own workspace, so the policy it publishes decides nothing for the other journeys.
import type { APIRequestContext } from "@playwright/test";
import { startFakeUpstream } from "../tests/helpers/fake-upstream";
import { attachScreenshot, cli, expect, fillSignIn, test, unique } from "./support/fixtures";

type Usage = { prompt_tokens: number; completion_tokens: number };

/** The JSON body of a response that must have this status (the body says why when not). */
async function ok<T = Record<string, string>>(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

test("an admin follows a recent call to its detail: tokens, the blocked tool call, its receipt, and bodies once stored", async ({ page, request }, testInfo) => {
  const slug = unique("gw-calls");
  const admin = { email: `${unique("gw-admin")}@warden.test`, password: "password123" };
  await cli(["create-workspace", slug]);
  await cli(["create-user", "--email", admin.email, "--password", admin.password, "--role", "ADMIN", "--workspace", slug]);
  const adminKey = (await cli(["create-key", "--workspace", slug, "--name", "setup", "--scopes", "*"])).at(-1)!;
  const asAdmin = { Authorization: `Bearer ${adminKey}` };
  const upstream = await startFakeUpstream();
  try {
    await ok(await request.put("/api/v1/gateway/providers/fake", { headers: asAdmin, data: { base_url: upstream.url } }), 200);
    await ok(await request.put("/api/v1/gateway/models", { headers: asAdmin, data: { model: "gpt-test", provider: "fake", input_price: 1, output_price: 2 } }), 200);
    const rule = { id: "no-email", kinds: ["tool_call"], tools: ["send_email"], when: [], effect: "BLOCK", reason: { code: "NO_EMAIL", message: "Agents do not send email" } };
    const policy = await ok(await request.post("/api/v1/policies", { headers: asAdmin, data: { name: "gateway-e2e", default: "ALLOW", rules: [rule] } }), 201);
    await ok(await request.post(`/api/v1/policies/${policy.policy_id}/publish`, { headers: asAdmin, data: {} }), 201);
    await ok(await request.post("/api/v1/agents", { headers: asAdmin, data: { agent_id: "assistant", token_budget: 100000 } }), 201);
    const issued = await ok(await request.post("/api/v1/gateway/keys", { headers: asAdmin, data: { name: "assistant-key", agent_id: "assistant" } }), 201);

    const chat = async (content: string) => {
      const response = await request.post("/api/gateway/v1/chat/completions", {
        headers: { Authorization: `Bearer ${issued.key}` },
        data: { model: "gpt-test", messages: [{ role: "user", content }] },
      });
      const body = await ok<{ usage: Usage }>(response, 200);
      return { id: response.headers()["x-warden-call-id"]!, usage: body.usage };
    };
    const plain = await chat("hello from the e2e journey");
    await ok(await request.patch("/api/v1/gateway/settings", { headers: asAdmin, data: { store_bodies: true } }), 200);
    const tools = await chat('CALL search {"q":"cats"}\nCALL send_email {"to":"boss@example.com"}');

    await page.goto("/signin");
    await fillSignIn(page, admin);
    await expect(page).toHaveURL(`/w/${slug}`);
    await page.goto(`/w/${slug}/gateway`);
    const calls = page.getByRole("table", { name: "Recent calls" });
    await expect(calls.getByRole("row")).toHaveCount(3);
    const toolsRow = page.getByTestId(`gateway-call-${tools.id}`);
    await expect(toolsRow).toContainText(`${tools.usage.prompt_tokens} / ${tools.usage.completion_tokens}`);
    await expect(toolsRow).toContainText("send_email");
    await expect(toolsRow).not.toContainText("search");
    await expect(page.getByTestId(`gateway-call-${plain.id}`)).toContainText("—");

    await toolsRow.getByRole("link").click();
    await expect(page).toHaveURL(`/w/${slug}/gateway/calls/${tools.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "gpt-test call by assistant" })).toBeVisible();
    const decisions = page.getByRole("table", { name: "Tool call decisions" });
    await expect(decisions.getByRole("row", { name: /search/ })).toContainText("ALLOW");
    await expect(decisions.getByRole("row", { name: /send_email/ })).toContainText("BLOCK");
    await expect(decisions.getByRole("row", { name: /send_email/ })).toContainText("Agents do not send email");
    await expect(page.getByTestId("call-receipt")).toHaveAttribute("href", /\/audit\?q=/);
    await expect(page.getByRole("region", { name: "Request body (vault values redacted)" })).toContainText("boss@example.com");
    await attachScreenshot(page, testInfo, "gateway-call");

    await page.goto(`/w/${slug}/gateway/calls/${plain.id}`);
    await expect(page.getByTestId("bodies-not-stored")).toBeVisible();
    await expect(page.getByText("hello from the e2e journey")).toHaveCount(0);
    const used = [plain, tools].reduce((sum, call) => sum + call.usage.prompt_tokens + call.usage.completion_tokens, 0);
    await page.getByRole("link", { name: "assistant", exact: true }).click();
    await expect(page.getByTestId("agent-token-budget")).toHaveText("100,000");
    await expect(page.getByTestId("agent-tokens-used")).toHaveText(used.toLocaleString("en-US"));

    // Another workspace's call or none at all: the same not-found page.
    await page.goto(`/w/${slug}/gateway/calls/llm_01JD0000000000000000000000`);
    await expect(page.getByText("This page could not be found.")).toBeVisible();
  } finally {
    await upstream.close();
  }
});
