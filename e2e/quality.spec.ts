import { expect, test } from "@playwright/test";
import { screenshot, signInAs } from "./helpers";

test("an ML lead sees fraud-detector's quality: realized until the labels stop, estimated after, and picks another metric", async ({ page }) => {
  // Two pages, a metric and a range change, and five full-page screenshots.
  test.slow();
  await signInAs(page, "lead@example.com");
  await page.goto("/models/fraud-detector");
  const section = page.getByTestId("model-quality");
  await expect(section).toBeVisible();
  const summary = section.getByTestId("quality-summary");
  await expect(summary).toContainText("Realized ROC AUC, v3");
  await expect(summary).toContainText("Estimated ROC AUC, v3");
  await expect(summary).toContainText("only estimates after that");
  // Realized and estimated values are numbers, not dashes: the demo has labels and scores.
  // (The latest bucket may be a thin one, where ROC AUC reaches 1.)
  await expect(summary.locator("dd.text-lg").nth(0)).toHaveText(/^(0\.\d+|1)$/);
  await expect(summary.locator("dd.text-lg").nth(1)).toHaveText(/^(0\.\d+|1)$/);

  const chart = section.getByTestId("quality-chart");
  // Lines without points (a version with no labels has no realized line) draw nothing: look at those drawn.
  const drawn = chart.locator(".recharts-line-curve >> visible=true");
  await expect(drawn.first()).toBeVisible({ timeout: 15_000 });
  // Realized and estimated lines, the estimated dashed, and the cut-off where the labels stop.
  expect(await drawn.count()).toBeGreaterThanOrEqual(4);
  await expect(chart.locator(".recharts-line-curve[stroke-dasharray='5 4'] >> visible=true").first()).toBeVisible();
  await expect(chart).toContainText("labels stop");
  await expect(chart).toHaveAttribute("aria-label", /Labels stop at/);
  await expect(section.getByRole("img", { name: "Share of predictions labeled, per bucket" }).locator(".recharts-bar-rectangle").first()).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, "model-quality");
  await screenshot(page, "model-quality", { dark: true });
  await screenshot(page, "model-quality", { width: 1024 });
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByRole("combobox", { name: "Quality metric" }).selectOption("accuracy");
  // The URL changes once the server has rendered the page for it: seconds on a busy machine.
  await expect(page).toHaveURL(/quality_metric=accuracy/, { timeout: 30_000 });
  await expect(summary).toContainText("Realized Accuracy, v3", { timeout: 15_000 });
  await page.getByRole("combobox", { name: "Quality range" }).selectOption("30d");
  await expect(page).toHaveURL(/quality_range=30d/, { timeout: 30_000 });
  await expect(drawn.first()).toBeVisible({ timeout: 15_000 });

  // A regression model: realized error, nothing estimated.
  await page.goto("/models/delivery-eta");
  await expect(page.getByTestId("quality-summary")).toContainText("Realized RMSE");
  await expect(page.getByTestId("quality-summary")).toContainText("not estimated for this metric");
});

test("the promotion request page lays the quality gate's evidence side by side", async ({ page }) => {
  test.slow();
  await signInAs(page, "compliance@example.com");
  await page.goto("/approvals");
  await page.getByRole("link", { name: "fraud-detector" }).first().click();
  await expect(page).toHaveURL(/\/approvals\/[0-9a-f-]{36}/);
  const evidence = page.getByTestId("quality-evidence");
  await expect(evidence.getByRole("heading", { name: "Realized quality, last 7 days" })).toBeVisible();
  const table = evidence.getByRole("table", { name: "ROC AUC of candidate and production" });
  await expect(table.getByRole("row").filter({ hasText: "candidate" })).toContainText("v4");
  await expect(table.getByRole("row").filter({ hasText: "production" })).toContainText("v3");
  await expect(page.locator('[data-testid="gate"]').filter({ hasText: "Realized quality no worse than production" })).toBeVisible();
  await evidence.scrollIntoViewIfNeeded();
  await screenshot(page, "promotion-quality-evidence");
  await screenshot(page, "promotion-quality-evidence", { dark: true });
});
