// Journey: a person signs in and out of the dashboard with email and password.
import { ADMIN, WORKSPACE, attachScreenshot, expect, fillSignIn, signIn, test } from "./support/fixtures";

const overview = `/w/${WORKSPACE}`;

test.describe("signing in and out", () => {
  test("an admin who signs in lands on the demo workspace's overview", async ({ page }, testInfo) => {
    await signIn(page, ADMIN);

    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const sidebar = page.getByRole("complementary");
    await expect(sidebar.getByText(ADMIN.email)).toBeVisible();
    await expect(page.getByTestId("current-role")).toHaveText("Admin");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const item of ["Overview", "Agents", "Sessions", "Crews", "Policies", "Approvals", "Audit", "Reports", "Secrets", "Gateway", "Settings"]) {
      await expect(nav.getByRole("link", { name: item, exact: true })).toBeVisible();
    }
    await expect(nav.getByRole("link", { name: "Overview", exact: true })).toHaveAttribute("aria-current", "page");
    await attachScreenshot(page, testInfo, "overview");
  });

  test("signing out returns to the sign-in page, and the workspace then asks to sign in again", async ({ page }) => {
    await signIn(page, ADMIN);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/signin");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();

    await page.goto(overview);
    await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(overview)}`);
  });

  test("visiting the workspace signed out redirects to sign-in, and signing in returns to it", async ({ page }) => {
    await page.goto(overview);
    await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(overview)}`);

    await fillSignIn(page, ADMIN);
    await expect(page).toHaveURL(overview);
  });

  test("a deep link visited signed out comes back after sign-in", async ({ page }) => {
    const deepLink = `${overview}/settings/api-keys`;
    await page.goto(deepLink);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(deepLink);

    await fillSignIn(page, ADMIN);
    await expect(page).toHaveURL(deepLink);
  });

  for (const [label, callbackUrl] of [
    ["//host", "//evil.test/phish"],
    ["/\\host", "/\\evil.test/phish"],
    ["/<tab>/host", "/\t/evil.test/phish"],
  ]) {
    test(`a callbackUrl pointing at another site (${label}) is ignored: signing in lands on the overview`, async ({ page }) => {
      await page.route("http://evil.test/**", (route) => route.fulfill({ contentType: "text/html", body: "<h1>phished</h1>" }));
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await fillSignIn(page, ADMIN);
      await expect(page).toHaveURL(overview);
    });
  }

  test("a wrong password is refused with an alert and the person stays on the sign-in page", async ({ page }) => {
    await page.goto("/signin");
    await fillSignIn(page, { email: ADMIN.email, password: "not-the-password" });

    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    await expect(page).toHaveURL("/signin");
    await expect(page.getByTestId("current-user")).toHaveCount(0);
  });
});
