import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

// Signing in hashes a password with bcrypt; on a busy machine that takes longer than the default 5 s.
async function signInAs(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible({ timeout: 30_000 });
}

test("the pipelines page puts the demo's failing, stale and volume-anomaly pipelines first, with their reasons", async ({ page }) => {
  await signInAs(page, "viewer@example.com");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pipelines" }).click();
  await expect(page.getByRole("heading", { name: "Pipelines" })).toBeVisible();
  const rows = page.getByTestId("pipeline-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText("churn-training-data");
  await expect(rows.nth(0)).toContainText("failing");
  await expect(rows.nth(0)).toContainText("check null_rate(tenure_months) (observed 0.18) failed");
  await expect(rows.nth(1)).toContainText("search-clickstream-ingest");
  await expect(rows.nth(1)).toContainText("stale");
  await expect(rows.nth(1)).toContainText(/No successful run for 2 h/);
  await expect(rows.nth(1)).toContainText("overdue since");
  await expect(rows.nth(2)).toContainText("credit-bureau-sync");
  await expect(rows.nth(2)).toContainText("volume anomaly");
  await expect(rows.nth(2)).toContainText("wrote 37 rows, under half the median");
  await expect(rows.nth(3)).toContainText("airflow/fraud_features");
  await expect(rows.nth(3)).toContainText(/healthy|running/);
  await screenshot(page, "pipelines");
  await screenshot(page, "pipelines", { dark: true });
  await screenshot(page, "pipelines", { width: 1024 });
});

test("a pipeline page shows its runs timeline, charts, the failed check and the error", async ({ page }) => {
  await signInAs(page, "lead@example.com");
  await page.goto("/pipelines");
  await page.getByTestId("pipeline-row").filter({ hasText: "churn-training-data" }).click();
  await expect(page).toHaveURL(/\/pipelines\/churn-training-data/);
  const timeline = page.getByTestId("runs-timeline");
  await expect(timeline.getByTestId("timeline-run")).toHaveCount(13);
  await expect(timeline.locator('[data-status="failed"]')).toHaveCount(1);
  await expect(timeline.getByRole("img")).toHaveAttribute("aria-label", /13 runs .*: 12 succeeded, 1 failed, 0 running/);
  await expect(page.getByTestId("duration-chart").locator(".recharts-bar-rectangle")).not.toHaveCount(0);
  await expect(page.getByTestId("latest-problems")).toContainText("null_rate(tenure_months)");
  await expect(page.getByTestId("latest-problems")).toContainText("0.18");
  await expect(page.getByTestId("latest-problems")).toContainText("Upstream CRM export dropped tenure_months");
  await screenshot(page, "pipeline-failing");
  await screenshot(page, "pipeline-failing", { dark: true });
});

test("the healthy pipeline's page links the model version it produced", async ({ page }) => {
  await signInAs(page, "viewer@example.com");
  await page.goto("/pipelines");
  await page.getByTestId("pipeline-row").filter({ hasText: "airflow/fraud_features" }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "airflow/fraud_features" })).toBeVisible();
  await expect(page.getByTestId("runs-timeline").getByTestId("timeline-run")).not.toHaveCount(0);
  await expect(page.getByTestId("rows-chart")).toContainText("anomaly below");
  await page.getByTestId("produced-versions").getByRole("link", { name: "fraud-detector v4" }).click();
  await expect(page).toHaveURL(/\/models\/fraud-detector/);
  await page.goBack();
  await screenshot(page, "pipeline-healthy", { width: 1024 });
});
