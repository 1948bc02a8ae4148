import { expect, test, type Page } from "@playwright/test";
import { screenshot, signInAs } from "./helpers";

const INCIDENT = "fraud-detector p95 latency";

async function openCriticalIncident(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
  const first = page.getByTestId("incident-row").first();
  await expect(first).toContainText(INCIDENT);
  await expect(first).toContainText("critical");
  await first.getByRole("link", { name: INCIDENT }).click();
  // The incident page reads its timeline from several domains: slow on a loaded machine.
  await expect(page.getByRole("heading", { name: INCIDENT })).toBeVisible({ timeout: 30_000 });
}

test("the Overview counts open incidents and puts the critical one first in Needs attention", async ({ page }) => {
  await signInAs(page, "oncall@example.com");
  await expect(page.getByTestId("kpi-open-incidents")).toContainText("1 critical");
  await expect(page.getByTestId("attention-item").first()).toContainText(`Incident: ${INCIDENT}`);
  await expect(page.getByTestId("fleet-row").filter({ hasText: "fraud-detector" }).getByTestId("drift-share")).toContainText("%");
});

test("on call opens the demo's critical incident, sees the promotion just before it, acknowledges it and adds a note", async ({ page }) => {
  await signInAs(page, "oncall@example.com");
  await openCriticalIncident(page);

  // The chart spans from two hours before the start: the promotion that preceded it is marked.
  const chart = page.getByTestId("metric-chart");
  await expect(chart.locator('[data-marker="promotion"]', { hasText: "v3 → production" })).toBeVisible({ timeout: 30_000 });
  await expect(chart.getByText(/^threshold 55/)).toBeVisible();
  // In the timeline the promotion is the last change before the firing.
  const entries = page.getByTestId("timeline-entry");
  await expect(entries.filter({ hasText: "v3 → production" })).toHaveCount(1);
  const kinds = await entries.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
  const opened = kinds.indexOf("opened");
  expect(
    kinds
      .slice(0, opened)
      .filter((k) => k !== "note" && k !== "drift" && !k?.startsWith("pipeline"))
      .at(-1),
  ).toBe("promotion");
  await screenshot(page, "incident");
  await screenshot(page, "incident", { dark: true });
  await screenshot(page, "incident", { width: 1024 });
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByRole("button", { name: "Acknowledge" }).click();
  await page.getByLabel("Comment (optional)").fill("Looking at the merchant lookup cache");
  await page.getByRole("button", { name: "Confirm: acknowledge" }).click();
  await expect(page.getByText("acknowledged by oncall@example.com")).toBeVisible();
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);

  await page.getByLabel("Note").fill("Cache warmed; p95 still 68 ms. Rolling back if no change in 10 min.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(entries.filter({ hasText: "Cache warmed; p95 still 68 ms" })).toContainText("oncall@example.com");
  // The break-glass rollback is offered, to the version production had before.
  await expect(page.getByRole("button", { name: /^Roll back fraud-detector to v2/ })).toBeVisible();

  await page.goto("/incidents");
  await expect(page.getByTestId("incident-row").first()).toContainText("oncall@example.com");
  await screenshot(page, "incidents");
  await screenshot(page, "incidents", { dark: true });
  await screenshot(page, "incidents", { width: 1024 });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByLabel("Status").selectOption("resolved");
  await expect(page).toHaveURL(/status=resolved/);
  await expect(page.getByTestId("incident-row").first()).toContainText("churn-predictor error rate");
  await expect(page.getByTestId("incident-row").filter({ hasText: INCIDENT })).toHaveCount(0);
});

test("a viewer sees the incident, the rules and their state, without a single button", async ({ page }) => {
  await signInAs(page, "viewer@example.com");
  await openCriticalIncident(page);
  await expect(page.getByTestId("timeline-entry").first()).toBeVisible();
  await expect(page.getByTestId("metric-chart").locator('[data-marker="promotion"]', { hasText: "v3 → production" })).toBeVisible({ timeout: 30_000 });
  const main = page.getByRole("main");
  for (const name of ["Acknowledge", "Resolve", "Add note", /^Roll back/]) await expect(main.getByRole("button", { name })).toHaveCount(0);
  await expect(main.getByLabel("Note")).toHaveCount(0);
  await screenshot(page, "incident-viewer");

  await page.goto("/settings/alerts");
  await expect(page.getByTestId("rule-row").filter({ hasText: INCIDENT })).toContainText("critical");
  await expect(main.getByRole("button")).toHaveCount(0);
  await page.goto("/settings/webhooks");
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
});

test("on call manages alert rules and webhooks: bad input is named beside its field, a test delivery reaches the demo's receiver", async ({ page }) => {
  await signInAs(page, "oncall@example.com");
  await page.goto("/settings/alerts");
  await page.getByRole("button", { name: "New rule" }).click();
  await page.getByLabel("Name").fill("fraud-detector p99");
  await page.getByLabel("Model").selectOption("fraud-detector");
  await page.getByLabel("Metric").fill("latency_p99_ms");
  await page.getByLabel("Threshold").fill("abc");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByLabel("Threshold")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Threshold").fill("250");
  await page.getByRole("button", { name: "Create rule" }).click();
  const row = page.getByTestId("rule-row").filter({ hasText: "fraud-detector p99" });
  await expect(row).toContainText("latency_p99_ms");
  await row.getByRole("button", { name: "Silence" }).click();
  await row.getByRole("button", { name: "Silence" }).click();
  await expect(row).toContainText("silenced until");
  await screenshot(page, "alert-rules");
  await screenshot(page, "alert-rules", { dark: true });
  await screenshot(page, "alert-rules", { width: 1024 });
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.goto("/settings/webhooks");
  const demoHook = page.locator("section").filter({ hasText: "/api/demo/webhook-receiver" }).first();
  await demoHook.getByRole("button", { name: "Send test" }).click();
  await expect(demoHook.getByText(/^Delivered: 2\d\d in/)).toBeVisible();
  await expect(demoHook.getByTestId("delivery-row").filter({ hasText: "webhook.test" }).first()).toContainText("delivered");
  await screenshot(page, "webhooks");
  await screenshot(page, "webhooks", { dark: true });
  await screenshot(page, "webhooks", { width: 1024 });
});
