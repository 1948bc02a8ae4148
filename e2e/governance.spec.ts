import { expect, test, type Page } from "@playwright/test";
import { personPage, screenshot, signInAs } from "./helpers";

async function approve(page: Page, url: string, comment: string) {
  await page.goto(url);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await page.getByLabel("Comment (optional)").fill(comment);
  await page.getByRole("button", { name: "Confirm: approve" }).click();
}

test("a production promotion: requested by one ml_lead, approved by another and by compliance, executed and on the audit trail", async ({ browser }) => {
  // Many sign-ins and full-page screenshots: minutes on a machine shared by several builds.
  test.setTimeout(240_000);
  const lead = await personPage(browser, "lead@example.com");
  await lead.goto("/models/churn-predictor");
  await lead.getByRole("button", { name: "Request promotion" }).click();
  const form = lead.getByRole("dialog", { name: "Request promotion" });
  await form.getByLabel("Version").selectOption("v3");
  await form.getByLabel("Justification (required)").fill("Autumn retrain, with the new-subscriber segment report added to the card");
  await form.getByRole("button", { name: "Submit request" }).click();
  // Evaluating the gates takes seconds on a busy machine.
  await expect(lead).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const url = lead.url();
  await expect(lead.getByRole("heading", { level: 1 })).toContainText("churn-predictor v3 → production");
  await expect(lead.getByTestId("gate")).toHaveCount(5);
  // The requester gets no Approve button, and is told why.
  await expect(lead.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
  await expect(lead.getByText("You requested this promotion; someone else must approve it")).toBeVisible();
  await expect(lead.getByRole("button", { name: "Withdraw" })).toBeVisible();
  await screenshot(lead, "promotion-requester");

  const lead2 = await personPage(browser, "lead2@example.com");
  await approve(lead2, url, "Staging numbers agree with offline evaluation");
  await expect(lead2.getByTestId("promotion-event").filter({ hasText: "lead2@example.com approved" })).toBeVisible();
  await expect(lead2.getByText("Still needed: 1 compliance")).toBeVisible();

  const compliance = await personPage(browser, "compliance@example.com");
  await compliance.goto("/approvals");
  await expect(compliance.getByTestId("waiting-for-you").filter({ hasText: "churn-predictor" })).toBeVisible();
  await screenshot(compliance, "approvals");
  await screenshot(compliance, "approvals", { dark: true });
  await approve(compliance, url, "Segment report reviewed");
  await expect(compliance.getByRole("heading", { level: 1 }).locator("..").getByText("executed")).toBeVisible();
  await expect(compliance.getByTestId("promotion-event").filter({ hasText: "executed" })).toBeVisible();
  await screenshot(compliance, "promotion-executed");
  await screenshot(compliance, "promotion-executed", { dark: true });
  await screenshot(compliance, "promotion-executed", { width: 1024 });

  await compliance.goto("/models/churn-predictor");
  await expect(compliance.getByText("production v3").first()).toBeVisible();

  await compliance.goto("/audit?target=churn-predictor&action=promotion.");
  const rows = compliance.getByTestId("audit-row");
  for (const action of ["promotion.requested", "promotion.approved", "promotion.executed"])
    await expect(rows.filter({ hasText: action }).first()).toBeVisible();
  // Two approvals for this request; the demo's earlier churn-predictor request was rejected without any.
  await expect(rows.filter({ hasText: "promotion.approved" })).toHaveCount(2);
  await rows.filter({ hasText: "promotion.executed" }).click();
  await expect(compliance).toHaveURL(/seq=\d+/);
  await expect(compliance.getByTestId("entry-hash")).toHaveText(/^[0-9a-f]{64}$/);
  await expect(compliance.getByTestId("entry-json")).toContainText('"target_stage": "production"');
  await compliance.getByRole("button", { name: "Verify chain" }).click();
  await expect(compliance.getByRole("status").filter({ hasText: "Chain verified ✓" })).toBeVisible();
  await screenshot(compliance, "audit-governance");
  await screenshot(compliance, "audit-governance", { dark: true });
  await screenshot(compliance, "audit-governance", { width: 1024 });
});

test("compliance sees the demo's rollback awaiting review, and a viewer cannot act on a request", async ({ page }) => {
  await signInAs(page, "viewer@example.com");
  await page.goto("/approvals");
  await expect(page.getByTestId("review-item").filter({ hasText: "search-ranker" })).toBeVisible();
  await page.getByTestId("waiting-for-others").filter({ hasText: "fraud-detector" }).click();
  await expect(page.getByText("Approving and rejecting need the ml_lead or compliance role")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
});

test("a request page lays the evidence beside the gates: live metrics, drift, producing run and model card", async ({ page }) => {
  await signInAs(page, "compliance@example.com");
  await page.goto("/approvals");
  await page.getByRole("link", { name: "fraud-detector" }).first().click();
  await expect(page).toHaveURL(/\/approvals\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { name: "Serving metrics" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Drift of v4" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Produced by" })).toBeVisible();
  await expect(page.getByRole("link", { name: "airflow/fraud_features" })).toBeVisible();
  await expect(page.getByTestId("model-card")).toContainText("fraud-detector v4");
  await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 15_000 });
  await screenshot(page, "promotion-evidence");
});

test("an ml_lead requests a promotion from the version page itself", async ({ page }) => {
  const version = `e2e-${Date.now()}`;
  const registered = await page.request.post("/api/v1/models/search-ranker/versions", {
    headers: { authorization: "Bearer plb_demo_key_0123456789abcdef" },
    data: { version, metrics: { ndcg_at_10: 0.64, mrr: 0.58 }, model_card: "# search-ranker candidate" },
  });
  expect(registered.status()).toBe(201);
  await signInAs(page, "lead@example.com");
  await page.goto(`/models/search-ranker/versions/${version}`);
  await page.getByRole("button", { name: "Request promotion" }).click();
  await expect(page.getByLabel("Version")).toHaveValue(version);
  await page.getByLabel("Justification (required)").fill("Better ranking offline; try it in staging");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page).toHaveURL(/\/approvals\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { name: new RegExp(`search-ranker\\s+${version} → staging`) })).toBeVisible();
});

test("while a gate fails, Approve says it only records the approval", async ({ page }) => {
  // Many sign-ins and full-page screenshots: minutes on a machine shared by several builds.
  test.setTimeout(240_000);
  await signInAs(page, "compliance@example.com");
  await page.goto("/approvals");
  await page.getByTestId("waiting-for-you").filter({ hasText: "fraud-detector" }).first().click();
  await expect(page).toHaveURL(/\/approvals\/[0-9a-f-]{36}/);
  const failing = await page.locator('[data-testid="gate"][data-status="failed"]').count();
  const effect = page.getByTestId("approve-effect");
  if (failing > 0) await expect(effect).toContainText("records your approval; the promotion executes only when the failing gate");
  else await expect(effect).toContainText("executes the promotion at once");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("fraud-detector v4 → production, replacing v3");
  await screenshot(page, "promotion-request");
  await screenshot(page, "promotion-request", { dark: true });
  await screenshot(page, "promotion-request", { width: 1024 });
  await screenshot(page, "promotion-request", { dark: true, width: 1024 });

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/models/fraud-detector");
  await expect(page.getByTestId("pending-request").first()).toContainText("v4 → production pending · needs 1 compliance");
  await screenshot(page, "model-pending-banner");
  await screenshot(page, "model-pending-banner", { dark: true });
  await screenshot(page, "model-pending-banner", { width: 1024 });
  await screenshot(page, "model-pending-banner", { dark: true, width: 1024 });
});
