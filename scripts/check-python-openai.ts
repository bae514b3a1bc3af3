// `npm run check:python-openai`: the official `openai` Python client against the LLM gateway.
// Not part of `npm test`: the package comes from a pip index, and PyPI is not reachable from the
// machines CI runs on (this machine has a local mirror configured in pip.conf, which is how the
// figures in the closing note were taken). Starts the production build on a fresh
// embedded database with a fake upstream (tests/helpers/fake-upstream.ts), seeds a provider, a
// priced model, a policy that forbids one model and one tool, and a gateway key through the REST
// API, installs `openai` into a fresh venv and runs examples/gateway_openai.py. Exits non-zero
// when pip cannot install the package or the example reports an unexpected outcome. OPENAI_VENV:
// a venv that already has `openai` (skips creating one and installing into it).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startFakeUpstream } from "../tests/helpers/fake-upstream";
import { run } from "../tests/helpers/python";
import { cliOn, startTestServer } from "../tests/helpers/test-server";

const ROOT = path.resolve(import.meta.dirname, "..");

function must(what: string, result: ReturnType<typeof spawnSync>): string {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${String(result.stdout)}\n${String(result.stderr)}`);
  return String(result.stdout);
}

async function main(): Promise<void> {
  const venv = process.env.OPENAI_VENV ?? mkdtempSync(path.join(tmpdir(), "warden-openai-"));
  must("python3 -m venv", spawnSync("python3", ["-m", "venv", venv]));
  const python = path.join(venv, "bin", "python");
  if (!process.env.OPENAI_VENV) must("pip install openai", spawnSync(python, ["-m", "pip", "install", "--quiet", "--retries", "0", "--timeout", "5", "openai"], { encoding: "utf8" }));

  const server = await startTestServer({ env: { WARDEN_GATEWAY_ALLOW_PRIVATE: "true" } });
  const upstream = await startFakeUpstream();
  try {
    await cliOn(server, ["create-workspace", "python-openai"]);
    const admin = (await cliOn(server, ["create-key", "--workspace", "python-openai", "--name", "admin", "--scopes", "*"])).at(-1)!;
    const call = async (method: string, route: string, body: unknown) => {
      const response = await fetch(`${server.url}${route}`, { method, headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = (await response.json()) as Record<string, unknown>;
      if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    await call("PUT", "/api/v1/gateway/providers/fake", { base_url: upstream.url });
    for (const model of ["gpt-test", "gpt-forbidden"]) await call("PUT", "/api/v1/gateway/models", { model, provider: "fake", input_price: 1, output_price: 2 });
    const policy = await call("POST", "/api/v1/policies", {
      name: "python-openai",
      default: "ALLOW",
      rules: [
        { id: "models", kinds: ["llm_call"], when: [{ path: "model", op: "not_in", value: ["gpt-test"] }], effect: "BLOCK", reason: { code: "MODEL_NOT_ALLOWED", message: "Only gpt-test is allowed" } },
        { id: "no-email", kinds: ["tool_call"], tools: ["send_email"], effect: "BLOCK", reason: { code: "NO_EMAIL", message: "Agents may not send email" } },
      ],
    });
    await call("POST", `/api/v1/policies/${String(policy.policy_id)}/publish`, {});
    const issued = await call("POST", "/api/v1/gateway/keys", { name: "python", agent_id: "python-agent", token_limit: 10_000 });

    // Asynchronously: the fake upstream answers from this process's event loop.
    const example = await run(python, [path.join(ROOT, "examples", "gateway_openai.py")], {
      WARDEN_GATEWAY_URL: `${server.url}/api/gateway/v1`,
      WARDEN_GATEWAY_KEY: String(issued.key),
      WARDEN_MODEL: "gpt-test",
      WARDEN_BLOCKED_MODEL: "gpt-forbidden",
    });
    process.stdout.write(example.stdout);
    process.stderr.write(example.stderr);
    const session = await fetch(`${server.url}/api/v1/sessions/${String(issued.session_id)}`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.json());
    console.log(`session tokens_used ${JSON.stringify((session as Record<string, unknown>).tokens_used)} of ${JSON.stringify((session as Record<string, unknown>).token_limit)}`);
    if (example.code !== 0) {
      const log = readFileSync(server.logFile, "utf8").split("\n").slice(-30).join("\n");
      throw new Error(`examples/gateway_openai.py exited ${example.code}; server log:\n${log}`);
    }
    console.log("python openai client: OK");
  } finally {
    await upstream.close();
    await server.stop();
    if (!process.env.OPENAI_VENV) rmSync(venv, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
