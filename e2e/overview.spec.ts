import { expect, test, type Page } from "@playwright/test";
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

/** The page answers clicks once React has hydrated it: times switch from exact to relative then. */
async function hydrated(page: Page) {
  await expect(page.getByTestId("attention-since").first()).toContainText(/ago|just now/, { timeout: 30_000 });
}

test("the fleet table leads with the most urgent model, shows each primary metric against its baseline, and sorts by it", async ({ page }) => {
  await signInAs(page, "lead@example.com");
  const rows = page.getByTestId("fleet-row");
  await expect(rows).toHaveCount(5);
  // Severity first: the drifting production model leads, whatever its name.
  await expect(rows.first()).toContainText("fraud-detector");
  const fraud = rows.filter({ hasText: "fraud-detector" }).getByTestId("fleet-quality");
  await expect(fraud).toContainText("ROC AUC");
  await expect(fraud).toContainText("est.");
  await expect(fraud.getByTestId("fleet-quality-change")).toContainText("−");
  await expect(fraud.getByTestId("fleet-quality-change")).toContainText("a drop");
  await expect(rows.filter({ hasText: "delivery-eta" }).getByTestId("fleet-quality")).toContainText("labels pending");
  await expect(rows.filter({ hasText: "search-ranker" }).getByTestId("fleet-quality")).toHaveText("—");

  await hydrated(page);
  const quality = page.getByRole("button", { name: "Quality (24 h vs 7 d)" });
  await quality.click();
  await expect(page).toHaveURL(/sort=quality/);
  await expect(rows.first()).toContainText("fraud-detector");
  await expect(rows.last()).not.toContainText("fraud-detector");
  const names = () => rows.locator("td:first-child").allTextContents();
  const worstFirst = await names();
  await quality.click();
  await expect(page).toHaveURL(/sort=quality&dir=desc/);
  await expect(rows.first()).not.toContainText("fraud-detector");
  // Models without a figure stay at the bottom in both directions.
  expect((await names()).slice(-2).sort()).toEqual(worstFirst.slice(-2).sort());
  await page.reload();
  await expect(rows.first()).not.toContainText("fraud-detector");
  await expect(page.getByRole("columnheader", { name: "Quality (24 h vs 7 d)" })).toHaveAttribute("aria-sort", "descending");
});

test("KPI cards lead to the filtered view, and the filter lives in the URL", async ({ page }) => {
  await signInAs(page, "lead@example.com");
  await hydrated(page);
  await page.getByTestId("kpi-drifting").click();
  await expect(page).toHaveURL(/show=drifting/);
  const rows = page.getByTestId("fleet-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("fraud-detector");
  await expect(page.getByTestId("fleet-filter")).toContainText("Showing drifting models: 1 of 5");
  await page.getByRole("link", { name: "Show all" }).click();
  await expect(rows).toHaveCount(5);
  await page.getByTestId("kpi-production").click();
  await expect(page).toHaveURL(/show=production/);
  await expect(rows).toHaveCount(5);
  await page.getByTestId("kpi-open-incidents").click();
  await expect(page).toHaveURL(/\/incidents\?status=open/);
});

test("every Needs-attention row has a time", async ({ page }) => {
  await signInAs(page, "compliance@example.com");
  const items = page.getByTestId("attention-item");
  await expect(items.first()).toBeVisible();
  for (const item of await items.all()) await expect(item.getByTestId("attention-since")).toBeVisible();
});

test("screenshots of the Overview at 1440 and 1024 px, light and dark", async ({ page }) => {
  await signInAs(page, "lead@example.com");
  await expect(page.getByTestId("fleet-row")).toHaveCount(5);
  for (const width of [1440, 1024]) {
    for (const dark of [false, true]) await screenshot(page, `overview-triage-${width}`, { dark, width });
  }
});

test("at 1024 px the Overview has no sideways scroll, and the fleet table shows its quality column", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  await signInAs(page, "lead@example.com");
  await expect(page.getByTestId("fleet-row")).toHaveCount(5);
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)} → ${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
  expect(overflow.scrollWidth, overflow.wide.join("\n")).toBeLessThanOrEqual(overflow.clientWidth);
  const frame = page.getByRole("table", { name: "Fleet" });
  await expect(frame.getByRole("columnheader", { name: "Quality (24 h vs 7 d)" })).toBeInViewport({ ratio: 1 });
});
