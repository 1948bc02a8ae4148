import { expect, test } from "@playwright/test";
import { screenshot, signInAs } from "./helpers";

test("the drift heatmap shows fraud-detector drifting, and a cell's drawer shows both distributions and the threshold line", async ({ page }) => {
  await signInAs(page, "lead@example.com");
  await page.goto("/drift");
  await expect(page.getByRole("heading", { name: "Drift" })).toBeVisible();
  const fraud = page.locator('[data-testid="heatmap-row"][data-model="fraud-detector"]');
  await expect(fraud).toContainText("60 % drifted");
  const amount = fraud.getByTestId("heatmap-cell").filter({ hasText: "amount" });
  await expect(amount).toHaveAttribute("data-drifted", "true");
  await expect(page.locator('[data-testid="heatmap-row"][data-model="churn-predictor"] [data-drifted="true"]')).toHaveCount(0);
  await expect(page.getByTestId("time-strip")).toHaveCount(5);
  await screenshot(page, "drift");
  await screenshot(page, "drift", { dark: true });
  await screenshot(page, "drift", { width: 1024 });

  await amount.click();
  await expect(page).toHaveURL(/cell=fraud-detector(:|%3A)amount/);
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByRole("heading", { name: "amount" })).toBeVisible();
  await expect(drawer).toContainText("wasserstein");
  await expect(drawer).toContainText("Why this method");
  await expect(drawer).toContainText("more than 1000");
  const legend = drawer.getByTestId("distribution-chart").locator(".recharts-legend-item");
  await expect(legend.filter({ hasText: "reference" })).toHaveCount(1);
  await expect(legend.filter({ hasText: "current" })).toHaveCount(1);
  await expect(drawer.getByTestId("distribution-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(drawer.getByTestId("daily-chart")).toContainText("threshold 0.1");
  await expect(drawer.getByTestId("daily-chart").locator(".recharts-reference-line")).toHaveCount(1);
  await screenshot(page, "drift-drawer");
  await screenshot(page, "drift-drawer", { dark: true });

  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(page).not.toHaveURL(/cell=/);
});

test("drift filters live in the URL", async ({ page }) => {
  await signInAs(page, "viewer@example.com");
  await page.goto("/drift?drifted=1");
  await expect(page.getByTestId("heatmap-row")).toHaveCount(1);
  await expect(page.getByTestId("heatmap-row")).toHaveAttribute("data-model", "fraud-detector");
  await page.getByLabel("Filter by model").selectOption("churn-predictor");
  await expect(page).toHaveURL(/model=churn-predictor/);
  await expect(page.getByText("No model matches these filters")).toBeVisible();
});

test("the model page's Drift section lists features drifted first and opens one in depth", async ({ page }) => {
  await signInAs(page, "lead@example.com");
  await page.goto("/models/fraud-detector");
  const rows = page.getByTestId("model-drift-row");
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText("drifted");
  await rows.filter({ hasText: "merchant_category" }).getByRole("button").click();
  const detail = page.getByTestId("feature-detail");
  await expect(detail).toContainText("jensenshannon");
  await expect(detail.getByTestId("distribution-chart")).toBeVisible();
  await screenshot(page, "model-drift");
});
