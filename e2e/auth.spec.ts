import { expect, test } from "@playwright/test";
import { ALL_NAVIGATION as ALL, READER_NAVIGATION as READER, screenshot, signIn, signInAs } from "./helpers";

const NAVIGATION: Record<string, string[]> = {
  "admin@example.com": ALL,
  "lead@example.com": READER,
  "lead2@example.com": READER,
  "compliance@example.com": [...READER, "Audit"],
  "oncall@example.com": READER,
  "viewer@example.com": READER,
};

for (const [email, expected] of Object.entries(NAVIGATION)) {
  test(`${email} signs in and sees exactly the navigation their roles allow`, async ({ page }) => {
    await signInAs(page, email);
    await expect(page.getByTestId("user-email")).toHaveText(email);
    const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
    await expect(links).toHaveText(expected);
  });
}

test("a wrong password shows an error and gives no session", async ({ page }) => {
  await signIn(page, "viewer@example.com", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await page.goto("/models");
  await expect(page).toHaveURL(/\/login/);
});

test("a signed-out visit to any page lands on /login", async ({ page }) => {
  for (const path of ["/", "/models", "/models/fraud-detector", "/drift", "/pipelines", "/incidents", "/approvals", "/audit", "/settings"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login/);
  }
});

test("sign-out ends the session", async ({ page }) => {
  await signInAs(page, "lead@example.com");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  const res = await page.request.get("/api/v1/me");
  expect(res.status()).toBe(401);
});

test("the login page lists the demo accounts, and clicking one fills the form", async ({ page }) => {
  await page.goto("/login");
  await screenshot(page, "login");
  await screenshot(page, "login", { dark: true });
  await page.getByRole("button", { name: /compliance@example.com/ }).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("compliance@example.com");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
});

test("a callbackUrl that a browser would read as another site leads to the app, never off it", async ({ browser, baseURL }) => {
  test.setTimeout(180_000); // five sign-ins
  const origin = new URL(baseURL!).origin;
  const offSite: string[] = [];
  for (const callbackUrl of ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "/%5C/evil.example", "https://evil.example/"]) {
    // A fresh context per address: clearing cookies in a shared one races the session refresh of
    // the page just left, which can set the session cookie again and send /login on to the app.
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    // Any request to the decoy host is caught here, so a navigation there is seen and never leaves
    // the machine. Matched on the host: the login address itself names the decoy in its query.
    await page.route(
      (url) => url.hostname.endsWith("evil.example"),
      (route) => {
        offSite.push(route.request().url());
        return route.fulfill({ status: 200, body: "off site" });
      },
    );
    await page.goto(`/login?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email", { exact: true }).fill("viewer@example.com");
    await page.getByLabel("Password", { exact: true }).fill("plumbline-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Overview" }), callbackUrl).toBeVisible({ timeout: 20_000 });
    expect(new URL(page.url()).origin, callbackUrl).toBe(origin);
    await context.close();
  }
  expect(offSite).toEqual([]);
});

test("a callbackUrl on this app is followed after sign-in", async ({ page }) => {
  await page.goto("/models");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fmodels/);
  await page.getByLabel("Email", { exact: true }).fill("viewer@example.com");
  await page.getByLabel("Password", { exact: true }).fill("plumbline-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/models$/);
});
