import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { screenshot, signIn, signInAs } from "./helpers";

// Each test signs in several people and runs axe; the shared machine is slow.
test.describe.configure({ timeout: 240_000 });

async function personPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signInAs(page, email);
  return page;
}

function userRow(page: Page, email: string) {
  return page.locator(`[data-testid="user-row"][data-email="${email}"]`);
}

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("admin creates a key, sees it once, revokes it, and the key is refused on its next request", async ({ browser, request }) => {
  const admin = await personPage(browser, "admin@example.com");
  await admin.goto("/settings/keys");
  await admin.getByRole("button", { name: "Create key" }).click();
  await admin.getByLabel("Name").fill("e2e-exporter");
  await admin.getByRole("checkbox", { name: /registry:write/ }).check();
  await admin.getByRole("button", { name: "Create key" }).click();
  const secret = admin.getByTestId("one-time-secret");
  await expect(secret).toContainText("it will not be shown again");
  const key = (await admin.getByTestId("secret-value").textContent())!.trim();
  expect(key).toMatch(/^plb_/);
  await expect(admin.getByTestId("curl-example")).toContainText(`Authorization: Bearer ${key}`);
  await expect(admin.getByRole("button", { name: "Copy" })).toBeVisible();
  await screenshot(admin, "keys-created");
  expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(200);

  await admin.getByRole("button", { name: "Done" }).click();
  await expect(admin.getByTestId("one-time-secret")).toHaveCount(0);
  await admin.reload();
  await expect(admin.getByText(key)).toHaveCount(0);
  const row = admin.locator('[data-testid="key-row"][data-name="e2e-exporter"]');
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Confirm: revoke" }).click();
  await expect(row).toContainText("revoked");
  await expect(admin.getByTestId("recent-changes")).toContainText("key.revoked");
  expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);
  await expectAccessible(admin);
  await screenshot(admin, "keys");
  await screenshot(admin, "keys", { dark: true, width: 1024 });
});

test("a new user signs in with the one-time password and must choose their own first", async ({ browser }) => {
  const admin = await personPage(browser, "admin@example.com");
  await admin.goto("/settings/users");
  await admin.getByRole("button", { name: "Create user" }).click();
  const email = `newcomer-${Date.now()}@example.com`;
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Name").fill("New Comer");
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByTestId("one-time-secret")).toContainText(`One-time password for ${email}`);
  const password = (await admin.getByTestId("secret-value").textContent())!.trim();
  await screenshot(admin, "users-created");
  await admin.getByRole("button", { name: "Done" }).click();
  await expect(userRow(admin, email)).toContainText("must set a password");
  await expect(admin.getByTestId("recent-changes")).toContainText(email);

  // Creating the same email again explains the refusal on the form.
  await admin.getByRole("button", { name: "Create user" }).click();
  await admin.getByLabel("Email").fill(email.toUpperCase());
  await admin.getByLabel("Name").fill("Again");
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByText("already in use")).toBeVisible();

  const newcomer = await (await browser.newContext()).newPage();
  await signIn(newcomer, email, password);
  await expect(newcomer).toHaveURL(/\/change-password$/, { timeout: 20_000 });
  await expectAccessible(newcomer);
  await screenshot(newcomer, "change-password");
  await newcomer.goto("/models");
  await expect(newcomer).toHaveURL(/\/change-password$/);
  await newcomer.getByLabel("Current password").fill(password);
  await newcomer.getByLabel("New password", { exact: true }).fill("short");
  await newcomer.getByLabel("New password again").fill("short");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer.getByText("at least 12 characters", { exact: true })).toBeVisible();
  await newcomer.getByLabel("New password", { exact: true }).fill("a-newcomer-chosen-password");
  await newcomer.getByLabel("New password again").fill("a-newcomer-chosen-password");
  await newcomer.getByRole("button", { name: "Change password" }).click();
  await expect(newcomer.getByRole("heading", { name: "Overview" })).toBeVisible({ timeout: 20_000 });
  await newcomer.goto("/account");
  await expect(newcomer.getByTestId("own-roles")).toContainText("read dashboards");
});

test("admin gives viewer@ the oncall role and viewer@'s next page shows the incident actions", async ({ browser }) => {
  const viewer = await personPage(browser, "viewer@example.com");
  // The demo's open incidents come first; the first one is open, so oncall may act on it.
  await viewer.goto("/incidents");
  await viewer.getByTestId("incident-row").first().getByRole("link").first().click();
  await expect(viewer.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(viewer.getByRole("button", { name: "Add note" })).toHaveCount(0);

  const admin = await personPage(browser, "admin@example.com");
  await admin.goto("/settings/users");
  const row = userRow(admin, "viewer@example.com");
  const setRoles = async (check: string, uncheck: string) => {
    await row.getByRole("button", { name: "Change roles" }).click();
    await row.getByRole("checkbox", { name: new RegExp(`^${check}`) }).check();
    await row.getByRole("checkbox", { name: new RegExp(`^${uncheck}`) }).uncheck();
    await row.getByRole("button", { name: "Save roles" }).click();
    await expect(row.getByRole("button", { name: "Change roles" })).toBeVisible();
  };
  await setRoles("oncall", "viewer");
  try {
    await expect(row).toContainText("oncall");
    await expect(admin.getByTestId("recent-changes")).toContainText("roles viewer → oncall");
    await viewer.reload();
    await expect(viewer.getByRole("button", { name: "Add note" })).toBeVisible({ timeout: 30_000 });
  } finally {
    await setRoles("viewer", "oncall");
  }
});

test("the last admin cannot remove their own role or disable themselves, and the page says why", async ({ browser }) => {
  const admin = await personPage(browser, "admin@example.com");
  await admin.goto("/settings/users");
  const row = userRow(admin, "admin@example.com");
  await row.getByRole("button", { name: "Change roles" }).click();
  await row.getByRole("checkbox", { name: /^viewer/ }).check();
  await row.getByRole("checkbox", { name: /^admin/ }).uncheck();
  await row.getByRole("button", { name: "Save roles" }).click();
  await expect(row.getByRole("alert")).toContainText("last active admin");
  await row.getByRole("button", { name: "Cancel" }).click();
  await row.getByRole("button", { name: "Disable" }).click();
  await row.getByRole("button", { name: "Confirm: disable" }).click();
  await expect(row.getByRole("alert")).toContainText("cannot disable your own account");
  await admin.reload();
  await expect(userRow(admin, "admin@example.com")).toContainText("admin");
  await expectAccessible(admin);
  await screenshot(admin, "users");
  await screenshot(admin, "users", { dark: true });
  await screenshot(admin, "users", { width: 1024 });

  await admin.goto("/settings");
  await expect(admin.getByRole("link", { name: /Users and roles/ })).toBeVisible();
  await screenshot(admin, "settings-hub");
  await screenshot(admin, "settings-hub", { dark: true });
});

test("policies: the policy in force per stage, its versions, and an edit that makes a new version", async ({ browser }) => {
  const admin = await personPage(browser, "admin@example.com");
  await admin.goto("/settings/policies");
  const staging = admin.getByTestId("policy-staging");
  await expect(staging).toContainText("1 ml_lead");
  const versionsBefore = await admin.getByTestId("policy-version").count();
  await admin.getByRole("button", { name: "Edit staging" }).click();
  await admin.getByLabel("Metric tolerance (%)").fill("200");
  await admin.getByRole("button", { name: "Save as a new version" }).click();
  await expect(admin.locator("form").getByRole("alert")).toBeVisible();
  await admin.getByLabel("Metric tolerance (%)").fill("3");
  await admin.getByRole("button", { name: "Save as a new version" }).click();
  await expect(staging).toContainText("3.0 %");
  await expect(admin.getByTestId("policy-version")).toHaveCount(versionsBefore + 1);
  await expectAccessible(admin);
  await screenshot(admin, "policies");
  await screenshot(admin, "policies", { dark: true, width: 1024 });
});

test("a non-admin sees no administration controls, and their own account in words", async ({ browser }) => {
  const viewer = await personPage(browser, "viewer@example.com");
  await expect(viewer.getByRole("link", { name: "Settings" })).toHaveCount(0);
  for (const path of ["/settings", "/settings/users", "/settings/keys", "/settings/policies"]) {
    await viewer.goto(path);
    await expect(viewer.getByText("You do not have access to this page")).toBeVisible();
    await expect(viewer.getByRole("button", { name: /Create|Revoke|Change roles|Disable|Edit/ })).toHaveCount(0);
  }
  await screenshot(viewer, "users-viewer");
  await viewer.goto("/account");
  await expect(viewer.getByTestId("own-roles")).toContainText("read dashboards");
  await expect(viewer.getByTestId("own-signins")).toContainText("signed in");
  await expect(viewer.getByLabel("Current password")).toBeVisible();
  await expectAccessible(viewer);
  await screenshot(viewer, "account-viewer");
  await screenshot(viewer, "account-viewer", { dark: true, width: 1024 });
});
