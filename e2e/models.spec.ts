import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { screenshot, signInAs } from "./helpers";

const DEMO_KEY = "plb_demo_key_0123456789abcdef";
const machine = { authorization: `Bearer ${DEMO_KEY}` };

interface ModelRow {
  name: string;
  production_version: string | null;
  status: string;
  health: { p95_latency_ms: number | null };
}

async function apiModels(page: Page): Promise<ModelRow[]> {
  const res = await page.request.get("/api/v1/models");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { models: ModelRow[] }).models;
}

/** Fresh points for the last hour, so the charts have data whatever the demo history holds. */
async function ingestRecent(request: APIRequestContext, model: string, version: string) {
  const now = Date.now();
  const points = Array.from({ length: 30 }, (_, i) => ({
    model,
    version,
    metric: "latency_p95_ms",
    ts: new Date(now - i * 120_000).toISOString(),
    value: 20 + (i % 7),
  }));
  const res = await request.post("/api/v1/ingest/metrics", { headers: machine, data: { points } });
  expect(res.status()).toBe(202);
}

test("the models table sorts and filters through the URL", async ({ page }) => {
  await signInAs(page, "viewer@example.com");
  await page.goto("/models");
  const rows = page.getByTestId("model-row");
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText("churn-predictor");

  // Sorting by p95 puts the slowest production model first, as the API reports it.
  await page.getByRole("button", { name: "p95 latency" }).click();
  await expect(page).toHaveURL(/sort=p95&dir=desc/);
  const bySlowest = (await apiModels(page)).filter((m) => m.health.p95_latency_ms !== null).sort((a, b) => b.health.p95_latency_ms! - a.health.p95_latency_ms!);
  expect(bySlowest.length).toBeGreaterThan(1);
  await expect(rows.first()).toContainText(bySlowest[0].name);
  await expect(page.getByRole("columnheader", { name: "p95 latency" })).toHaveAttribute("aria-sort", "descending");
  // Back to the default order (by name, ascending), which needs no parameter, then reversed.
  await page.getByRole("button", { name: "Model" }).click();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(rows.first()).toContainText("churn-predictor");
  await page.getByRole("button", { name: "Model" }).click();
  await expect(page).toHaveURL(/\?dir=desc$/);
  await expect(rows.first()).toContainText("search-ranker");

  // `/` focuses the filter; typing narrows the rows and lands in the URL.
  await page.locator("main").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  await expect(page.getByLabel("Filter models")).toBeFocused();
  await page.keyboard.type("fraud");
  await expect(page).toHaveURL(/q=fraud/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("fraud-detector");
  await expect(rows.first()).toContainText("production v3");
  await expect(rows.first()).toContainText(" ms");

  // A pasted link reproduces the view.
  await page.goto("/models?q=churn");
  await expect(rows).toHaveCount(1);
  await expect(page.getByLabel("Filter models")).toHaveValue("churn");

  await page.goto("/models");
  const statuses = (await apiModels(page)).map((m) => m.status);
  await page.getByLabel("Status").selectOption("unknown");
  await expect(page).toHaveURL(/status=unknown/);
  await expect(rows).toHaveCount(statuses.filter((s) => s === "unknown").length);

  await page.goto("/models");
  await screenshot(page, "models");
  await screenshot(page, "models", { dark: true });
  await screenshot(page, "models", { width: 1024 });
});

test("a model page draws its three serving charts with stage-change markers, sized to the chart", async ({ page, request }) => {
  await ingestRecent(request, "fraud-detector", "v3");
  await signInAs(page, "lead@example.com");
  const metricsRequest = page.waitForRequest((r) => r.url().includes("/api/v1/models/fraud-detector/metrics") && r.url().includes("metric=latency_p95_ms"));
  await page.goto("/models/fraud-detector?range=7d");
  await expect(page.getByRole("heading", { name: "fraud-detector" })).toBeVisible();

  const charts = page.getByTestId("metric-chart");
  // Latency, volume, errors; quality has its own section (components/quality).
  await expect(charts).toHaveCount(3);
  const latency = charts.filter({ hasText: "Latency p95" });
  const box = (await latency.boundingBox())!;
  const maxPoints = Number(new URL((await metricsRequest).url()).searchParams.get("max_points"));
  expect(maxPoints).toBeGreaterThan(0);
  expect(maxPoints).toBeLessThanOrEqual(Math.ceil(box.width / 2));

  // v3 went to production 6 days ago and v4 to staging 1 day ago: both inside 7 days.
  await expect(latency.getByRole("img")).toBeVisible({ timeout: 30_000 });
  expect(await latency.locator(".recharts-reference-line line").count()).toBeGreaterThanOrEqual(2);
  await expect(latency.getByText("v3 → production")).toBeVisible();
  await expect(latency.getByText("v4 → staging")).toBeVisible();
  await expect(latency.getByRole("img")).toHaveAttribute("aria-label", /Latency p95, last 7 d: .*v3 averages [\d.,]+ ms/);

  // The legend toggles a series.
  const v3 = latency.getByRole("button", { name: "v3", exact: true });
  await v3.click();
  await expect(v3).toHaveAttribute("aria-pressed", "false");
  await v3.click();
  await expect(v3).toHaveAttribute("aria-pressed", "true");

  // The latency percentile is a choice kept in the URL.
  await latency.getByRole("button", { name: "p99" }).click();
  await expect(page).toHaveURL(/latency=p99/);
  await expect(charts.filter({ hasText: "Latency p99" })).toBeVisible();

  await expect(page.getByRole("heading", { name: "Versions" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Stage history" })).toBeVisible();
  await page.goto("/models/fraud-detector?range=7d");
  await expect(latency.getByText("v3 → production")).toBeVisible();
  await screenshot(page, "model-page");
  await screenshot(page, "model-page", { dark: true });
  await screenshot(page, "model-page", { width: 1024 });

  await page.getByTestId("version-row").getByRole("link", { name: "v4" }).click();
  await expect(page).toHaveURL(/\/models\/fraud-detector\/versions\/v4/);
});

test("a version page shows its model card, metrics against production and feature importance", async ({ page }) => {
  await signInAs(page, "viewer@example.com");
  await page.goto("/models/fraud-detector/versions/v4");
  const card = page.getByTestId("model-card");
  await expect(card.getByRole("heading", { name: "fraud-detector v4" })).toBeVisible();
  await expect(card.getByRole("table")).toContainText("auc");
  // v4 declares auc 0.945 against production v3's 0.94: higher is better for AUC.
  const auc = page.getByTestId("declared-metric").filter({ hasText: "auc" });
  await expect(auc).toContainText("0.945");
  await expect(auc).toContainText("0.94");
  await expect(auc).toContainText("better");
  await expect(page.getByRole("columnheader", { name: "Production v3" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Feature importance, highest first: amount 0.29/ })).toBeVisible();
  await screenshot(page, "version-page");
  await screenshot(page, "version-page", { dark: true });
  await screenshot(page, "version-page", { width: 1024 });
});

test("a model card with script and onerror renders inert", async ({ page, request }) => {
  // A new version of an existing model, so the fleet keeps its size for the other specs.
  const version = `xss-${Date.now()}`;
  const card = [
    "# Innocent card",
    "",
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "",
    "[click me](javascript:window.__pwned=3)",
    "",
    "Still **rendered**.",
  ].join("\n");
  const created = await request.post("/api/v1/models/credit-risk/versions", { headers: machine, data: { version, model_card: card, metrics: { auc: 0.5 } } });
  expect(created.status()).toBe(201);

  await signInAs(page, "viewer@example.com");
  await page.goto(`/models/credit-risk/versions/${version}`);
  const rendered = page.getByTestId("model-card");
  await expect(rendered.getByRole("heading", { name: "Innocent card" })).toBeVisible();
  await expect(rendered.locator("strong")).toHaveText("rendered");
  await rendered.getByText("click me").click();
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(rendered.locator("script")).toHaveCount(0);
  await expect(rendered.locator("img")).toHaveCount(0);
  expect(await page.locator("script").evaluateAll((scripts) => scripts.filter((s) => s.textContent?.includes("__pwned")).length)).toBe(0);
  expect(await rendered.locator("[onerror], a[href^='javascript']").count()).toBe(0);
  // Its auc 0.5 against production's 0.805 is flagged as worse, not just coloured.
  await expect(page.getByTestId("declared-metric").filter({ hasText: "auc" })).toContainText("worse");
});

test("an empty chart says so and shows how to send data to this server", async ({ page }) => {
  await signInAs(page, "viewer@example.com");
  // search-ranker's versions declare ranking metrics, but nothing reports quality for it.
  const production = (await apiModels(page)).find((m) => m.name === "search-ranker")!.production_version;
  // A window long before the demo's history: every chart is empty there.
  await page.goto("/models/search-ranker?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z");
  const chart = page.getByTestId("metric-chart").filter({ hasText: "Error rate" });
  await expect(chart.getByText("No data in this range")).toBeVisible({ timeout: 30_000 });
  const metric = await chart.getAttribute("data-metric");
  const origin = new URL(page.url()).origin;
  const hint = chart.getByTestId("ingest-hint");
  await expect(hint).toContainText(`curl -X POST ${origin}/api/v1/ingest/metrics`);
  await expect(hint).toContainText(`"model":"search-ranker","version":"${production}","metric":"${metric}"`);
  await expect(hint).toContainText(`${origin}/api/v1/otlp/v1/metrics`);
  await screenshot(page, "model-page-empty-chart");
});
