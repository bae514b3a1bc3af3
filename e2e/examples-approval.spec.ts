// Journey: examples/autogen_payment_approval.py waits for a person. The example runs as a user
// would run it (python3, the SDK from sdk/python), prints its approval id and the approvals page;
// a reviewer signs in, approves the payment there, and the example's payment goes through.
import { spawn } from "node:child_process";
import path from "node:path";
import { cli, expect, fillSignIn, test, unique } from "./support/fixtures";
import { collect, ROOT, waitForLine } from "../tests/helpers/processes";

test("a reviewer approves the AutoGen example's payment in the browser and the example completes it", async ({ page, request }) => {
  const slug = unique("examples");
  await cli(["create-workspace", slug]);
  const key = (await cli(["create-key", "--workspace", slug, "--name", unique("example"), "--scopes", "*"])).at(-1)!;
  const reviewer = { email: `${unique("reviewer")}@warden.test`, password: "password123" };
  await cli(["create-user", "--email", reviewer.email, "--password", reviewer.password, "--role", "REVIEWER", "--workspace", slug]);

  const baseUrl = process.env.WARDEN_E2E_URL!;
  const example = spawn(process.env.PYTHON ?? "python3", [path.join(ROOT, "examples", "autogen_payment_approval.py")], {
    cwd: ROOT,
    env: { ...process.env, PYTHONPATH: path.join(ROOT, "sdk", "python"), WARDEN_BASE_URL: `${baseUrl}/api`, WARDEN_API_KEY: key, WARDEN_WORKSPACE: slug },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const finished = collect(example);
  try {
    const [, approvalId, pageUrl] = /^APPROVAL (apr_\w+) .* approve it at (\S+)/.exec(await waitForLine(example, /^APPROVAL apr_/))!;
    expect(pageUrl).toBe(`${baseUrl}/w/${slug}/approvals`);

    await page.goto("/signin");
    await fillSignIn(page, reviewer);
    await expect(page).toHaveURL(`/w/${slug}`);
    await page.goto(pageUrl!);
    const card = page.getByTestId(`approval-${approvalId}`);
    await expect(card.getByTestId("amount")).toHaveText("$250.00");
    await card.getByRole("button", { name: "Review" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Note", { exact: true }).fill("GPU invoice checked");
    await dialog.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByTestId(`recent-${approvalId}`).getByTestId("outcome")).toHaveText("approved");

    const result = await finished;
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const summary = JSON.parse(result.stdout.split("\n").find((line) => line.startsWith("RESULT "))!.slice("RESULT ".length)) as { session_id: string; approval_id: string };
    expect(summary.approval_id).toBe(approvalId);
    const session = await request.get(`/api/v1/sessions/${summary.session_id}`, { headers: { Authorization: `Bearer ${key}` } });
    expect(((await session.json()) as { spent: number }).spent).toBe(290);
  } finally {
    if (example.exitCode === null) example.kill();
  }
});
