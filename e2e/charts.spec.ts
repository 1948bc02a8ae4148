import { expect, test, type Locator, type Page } from "@playwright/test";
import { screenshot, signInAs } from "./helpers";

type Box = { x: number; y: number; width: number; height: number };
const intersect = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every marker label of every chart clears the others and sits above its plot, never over the data. */
async function expectMarkersApart(page: Page) {
  const charts = page.getByTestId("metric-chart");
  for (let c = 0; c < (await charts.count()); c++) {
    const chart = charts.nth(c);
    const labels = await chart.locator("[data-marker]").all();
    if (labels.length === 0) continue;
    const plot = (await chart.locator(".recharts-surface").first().boundingBox())!;
    const boxes = await Promise.all(labels.map(async (l) => (await l.boundingBox())!));
    for (let i = 0; i < boxes.length; i++) {
      expect(boxes[i].y + boxes[i].height).toBeLessThanOrEqual(plot.y + 1);
      for (let j = i + 1; j < boxes.length; j++) expect(intersect(boxes[i], boxes[j])).toBe(false);
    }
  }
}

function latencyChart(page: Page): Locator {
  return page.locator('[data-testid="metric-chart"][data-metric^="latency_"]');
}

test("on-call opens a marker's card by hover and by keyboard, and rolls back from the page", async ({ page }) => {
  test.setTimeout(240_000);
  const asked: URL[] = [];
  page.on("request", (r) => {
    if (/\/api\/v1\/models\/[^/]+\/metrics\?/.test(r.url())) asked.push(new URL(r.url()));
  });
  await signInAs(page, "oncall@example.com");
  await page.goto("/models/credit-risk?range=30d");
  const chart = latencyChart(page);
  const promotion = chart.locator('[data-marker="promotion"]', { hasText: "2026.11 → production" });
  await expect(promotion).toBeVisible({ timeout: 30_000 });
  await expectMarkersApart(page);
  // Charts never ask for more points than their plot can draw (one per two pixels).
  expect(asked.length).toBeGreaterThan(0);
  const plotWidth = (await chart.locator(".recharts-surface").first().boundingBox())!.width;
  for (const url of asked) expect(Number(url.searchParams.get("max_points"))).toBeLessThanOrEqual(Math.ceil(plotWidth / 2));
  for (const width of [1440, 1024]) {
    for (const dark of [false, true]) {
      await screenshot(page, "model-markers", { width, dark });
      await expectMarkersApart(page);
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });

  // Hover: the card says what, who, when, and links to more.
  await promotion.hover();
  const card = chart.getByTestId("marker-card");
  await expect(card).toBeVisible();
  await expect(card).toContainText("Stage change: 2026.11 → production");
  await expect(card).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await expect(card).toContainText("By ");
  await expect(card.getByRole("link", { name: "Open details" })).toBeVisible();
  await screenshot(page, "model-marker-card");
  await page.mouse.move(5, 5);
  await expect(card).toBeHidden();

  // Keyboard: focus opens it, its link is the next stop, Escape closes it.
  await promotion.focus();
  await expect(card).toBeVisible();
  await expect(promotion).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(card.getByRole("link", { name: "Open details" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(card).toBeHidden();

  // The roll back, with the page's own control; the chart then marks it, with who and why.
  await page.getByRole("button", { name: "Roll back", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Break-glass rollback" });
  await dialog.getByLabel("Back to").selectOption("2026.09");
  await dialog.getByLabel(/Reason/).fill("defaults spiked after 2026.11");
  await dialog.getByRole("button", { name: "Roll back now" }).click();
  const rollback = chart.locator('[data-marker="rollback"]', { hasText: "2026.09 → production" });
  await expect(rollback).toBeVisible({ timeout: 30_000 });
  await rollback.focus();
  await expect(card).toContainText("defaults spiked after 2026.11");
  await expect(card).toContainText("By ");
  await page.keyboard.press("Escape");
  await expectMarkersApart(page);
});

test("hidden versions, the selected feature and a window of the page's own live in the URL, answer at once and survive a reload", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, "lead@example.com");
  await page.goto("/models/fraud-detector?range=7d");
  const series = latencyChart(page).getByRole("group", { name: /series$/ });
  const v3 = series.getByRole("button", { name: "v3", exact: true });
  await expect(v3).toHaveAttribute("aria-pressed", "true", { timeout: 30_000 });
  await v3.click();
  // At once: no navigation round trip before the control shows its state.
  await expect(v3).toHaveAttribute("aria-pressed", "false", { timeout: 300 });
  await expect(page).toHaveURL(/hide=v3/);
  // Hidden on every chart of the page, not only the one clicked.
  await expect(page.locator('[data-metric="error_rate"]').getByRole("button", { name: "v3", exact: true })).toHaveAttribute("aria-pressed", "false");

  await page.getByTestId("model-drift-row").filter({ hasText: "amount" }).getByRole("button").click();
  await expect(page).toHaveURL(/feature=amount/);
  await expect(page.getByTestId("feature-detail")).toBeVisible();
  // The drift section follows the picker: 7 days, not a fixed day.
  await expect(page.locator("section[aria-labelledby=drift-heading]")).toContainText("Last 7 d");

  await page.reload();
  await expect(latencyChart(page).getByRole("button", { name: "v3", exact: true })).toHaveAttribute("aria-pressed", "false", { timeout: 30_000 });
  await expect(page.getByTestId("feature-detail")).toBeVisible();

  // "Since last change" is a window of the page's own: in the URL, and the top bar says so.
  await page.getByRole("button", { name: "Since last change" }).click();
  await expect(page).toHaveURL(/from=/);
  await expect(page.getByLabel("Time range")).toHaveValue("own");
  await expect(page.getByRole("button", { name: "Since last change" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Back to the shared range" }).click();
  await expect(page).not.toHaveURL(/from=/);
  await expect(page).toHaveURL(/hide=v3/);
});

test("the ML lead goes from the Overview to the drifted feature, compares staging, reaches the model page and a promotion request", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, "lead@example.com");
  // Figures the picker does not move say their own range.
  await expect(page.getByTestId("fixed-range").first()).toContainText("last 24 h");

  await page.getByTestId("attention-item").filter({ hasText: "fraud-detector is drifting" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/drift\?model=fraud-detector/, { timeout: 30_000 });
  const amount = page.locator('[data-testid="heatmap-row"][data-model="fraud-detector"]').getByTestId("heatmap-cell").filter({ hasText: "amount" });
  await amount.click();
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByTestId("distribution-chart").first()).toBeVisible({ timeout: 30_000 });

  await drawer.getByRole("button", { name: /Compare with the staging version's drift \(v4\)/ }).click();
  await expect(page).toHaveURL(/compare=v4/);
  await expect(drawer.getByTestId("compare-detail")).toContainText("amount in v4");
  await expect(drawer.getByTestId("compare-detail").getByTestId("distribution-chart")).toBeVisible({ timeout: 30_000 });
  await screenshot(page, "drift-compare");

  // Escape gives focus back to the cell that opened the drawer.
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(amount).toBeFocused();
  await amount.click();
  await page
    .getByRole("dialog")
    .getByRole("link", { name: /fraud-detector/ })
    .click();
  await expect(page).toHaveURL(/\/models\/fraud-detector/, { timeout: 30_000 });

  // The staging version's page links each feature to its drift, beside production's.
  await page.getByRole("link", { name: "v4", exact: true }).first().click();
  await expect(page).toHaveURL(/\/models\/fraud-detector\/versions\/v4/, { timeout: 30_000 });
  const toDrift = page.getByRole("navigation", { name: "Drift of each feature" }).getByRole("link", { name: "amount" });
  await expect(toDrift).toHaveAttribute("href", /\/drift\?cell=fraud-detector%3Aamount&compare=v4/);

  await page.getByRole("button", { name: "Request promotion" }).click();
  const form = page.getByRole("dialog", { name: "Request promotion" });
  await form.getByLabel(/Justification/).fill("v4 holds up on amount where v3 drifts");
  // The demo already holds an open request for v4: the dialog says so before anything is sent, and the request is one click away.
  await expect(form.getByRole("alert").filter({ hasText: "An open request to promote fraud-detector v4" })).toBeVisible({ timeout: 30_000 });
  await expect(form.getByRole("button", { name: "Submit request" })).toBeDisabled();
  await form.getByRole("link", { name: "Open the existing request" }).click();
  await expect(page).toHaveURL(/\/approvals\/[0-9a-f-]{36}/);
});

test("dragging across a serving chart zooms the page to that window, in the URL", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "lead@example.com");
  await page.goto("/models/fraud-detector?range=7d");
  const chart = latencyChart(page);
  const plot = chart.locator('[role="img"]').first();
  await expect(chart.locator(".recharts-surface").first()).toBeVisible({ timeout: 30_000 });
  const box = (await plot.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.65, y, { steps: 6 });
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 6 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=.*&to=/);
  const url = new URL(page.url());
  const span = Date.parse(url.searchParams.get("to")!) - Date.parse(url.searchParams.get("from")!);
  // A third of a 7-day plot, give or take the axis: about two days, not the whole week.
  expect(span).toBeGreaterThan(86_400_000);
  expect(span).toBeLessThan(4 * 86_400_000);
  await expect(page.getByLabel("Time range", { exact: true })).toHaveValue("own");
});
