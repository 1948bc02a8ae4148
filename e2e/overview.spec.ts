import { expect, test } from "@playwright/test";
import { screenshot, signInAs } from "./helpers";

test("the Overview page lists the demo models with their production versions", async ({ page }) => {
  await signInAs(page, "viewer@example.com");
  const rows = page.getByTestId("fleet-row");
  await expect(rows).toHaveCount(5);
  for (const name of ["churn-predictor", "credit-risk", "delivery-eta", "fraud-detector", "search-ranker"]) {
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await expect(rows.filter({ hasText: "fraud-detector" })).toContainText("production v3");
  await expect(rows.filter({ hasText: "fraud-detector" })).toContainText("staging v4");
  await screenshot(page, "overview");
  await screenshot(page, "overview", { dark: true });
  await screenshot(page, "overview", { width: 1024 });
});

test("the time range lives in the URL and survives navigation", async ({ page }) => {
  await signInAs(page, "viewer@example.com");
  await page.getByLabel("Time range").selectOption("7d");
  await expect(page).toHaveURL(/range=7d/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await expect(page).toHaveURL(/\/models\?range=7d/);
  await expect(page.getByLabel("Time range")).toHaveValue("7d");
});

test("a model row leads to the model page with versions and stage history", async ({ page }) => {
  await signInAs(page, "lead@example.com");
  await page.getByTestId("fleet-row").filter({ hasText: "fraud-detector" }).click();
  await expect(page).toHaveURL(/\/models\/fraud-detector/);
  await expect(page.getByRole("heading", { name: "Versions" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Stage history" })).toBeVisible();
  await screenshot(page, "model");
});

test("the audit page shows the sign-ins for compliance, and viewers are told they have no access", async ({ page }) => {
  await signInAs(page, "compliance@example.com");
  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").filter({ hasText: "auth.signin" }).first()).toBeVisible();
  await screenshot(page, "audit");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInAs(page, "viewer@example.com");
  await page.goto("/audit");
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
});

test("Needs attention puts failing and stale pipelines first, and shows compliance what waits for them", async ({ page }) => {
  await signInAs(page, "compliance@example.com");
  const items = page.getByTestId("attention-item");
  // A critical incident nobody acknowledged comes before them (e2e/incidents.spec.ts).
  const broken = items.filter({ hasNotText: "Incident:" });
  await expect(broken.first()).toContainText("is failing");
  await expect(broken.nth(1)).toContainText("stopped running");
  await expect(items.filter({ hasText: "fraud-detector is drifting" })).toHaveCount(1);
  await expect(items.filter({ hasText: "Approve fraud-detector v4 → production?" })).toHaveCount(1);
  await expect(items.filter({ hasText: "Review the rollback of search-ranker" })).toHaveCount(1);
  await screenshot(page, "overview-compliance");
});
