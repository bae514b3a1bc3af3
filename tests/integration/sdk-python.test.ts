// The Python SDK's own test suite (sdk/python/tests, stdlib unittest) run against this project's
// server with the SDK installed offline into a fresh venv: every client method, error type,
// retry, approval, governed tool and adapter is exercised over real HTTP.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, createKey, seedWorkspace } from "../helpers/api";
import { ROOT } from "../helpers/processes";
import { describeRun, run, venvWithSdk } from "../helpers/python";

let venv: Awaited<ReturnType<typeof venvWithSdk>>;
beforeAll(async () => {
  venv = await venvWithSdk();
}, 120_000);
afterAll(() => venv?.remove());

describe("the Python SDK (sdk/python)", () => {
  it("is imported from the installed wheel, not from the source tree", async () => {
    const result = await run(venv.python, ["-c", "import warden_sdk; print(warden_sdk.__file__)"]);
    expect(result.code, describeRun("import", result)).toBe(0);
    expect(path.relative(venv.dir, result.stdout.trim())).not.toMatch(/^\.\./);
    expect(result.stdout).not.toContain(path.join(ROOT, "sdk"));
  });

  it("passes its unittest suite against the real server", async () => {
    const { slug, key } = await seedWorkspace(["*"]);
    const env = {
      WARDEN_BASE_URL: `${baseUrl()}/api`,
      WARDEN_API_KEY: key,
      WARDEN_REVIEWER_KEY: await createKey(slug, ["approvals:decide", "approvals:read"]),
      WARDEN_LIMITED_KEY: await createKey(slug, ["audit:read"]),
    };
    const result = await run(venv.python, ["-m", "unittest", "discover", "-s", "sdk/python/tests", "-v"], env);
    expect(result.code, describeRun("python -m unittest", result)).toBe(0);
    expect(result.stderr).toMatch(/Ran \d+ tests/);
    expect(result.stderr).not.toMatch(/skipped/);
  }, 180_000);
});
