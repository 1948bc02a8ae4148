import { expect, test, type Browser, type Page } from "@playwright/test";
import { screenshot, signInAs } from "./helpers";

async function personPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signInAs(page, email);
  return page;
}

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

test("compliance sees the not-applicable gate grey with its reason, waives a failing gate and sees it marked waived", async ({ browser }) => {
  // Many sign-ins and full-page screenshots: minutes on a machine shared by several builds.
  test.setTimeout(240_000);
  const key = { authorization: "Bearer plb_demo_key_0123456789abcdef" };
  const model = `e2e-gates-${Date.now().toString(36)}`;
  const lead = await personPage(browser, "lead@example.com");
  const api = lead.request;
  expect((await api.post("/api/v1/models", { headers: key, data: { name: model } })).status()).toBe(201);
  expect((await api.post(`/api/v1/models/${model}/versions`, { headers: key, data: { version: "v1", model_card: "# e2e card" } })).status()).toBe(201);
  // A reference around 0 and the last minutes' traffic around 5: `amount` drifts, so the drift gate fails.
  const spread = (start: number) => Array.from({ length: 200 }, (_, i) => start + i / 200);
  const reference = { records: spread(0).map((amount) => ({ features: { amount } })) };
  expect((await api.post(`/api/v1/models/${model}/versions/v1/reference`, { headers: key, data: reference })).status()).toBe(201);
  const ts = new Date(Date.now() - 60_000).toISOString();
  const traffic = { model, version: "v1", records: spread(5).map((amount) => ({ ts, features: { amount } })) };
  expect((await api.post("/api/v1/ingest/features", { headers: key, data: traffic })).status()).toBe(202);

  // The ml_lead sees the gates before submitting, then requests.
  await lead.goto(`/models/${model}`);
  await lead.getByRole("button", { name: "Request promotion" }).click();
  const dialog = lead.getByRole("dialog", { name: "Request promotion" });
  const preview = dialog.getByTestId("gate-preview");
  await expect(preview.locator('[data-status="failed"]')).toContainText("No drifting features in the last 24 h");
  await expect(preview.locator('[data-status="not_applicable"]').filter({ hasText: "Producing pipeline run" })).toContainText(
    "not applicable: no producing pipeline run recorded",
  );
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeVisible();
  await dialog.getByLabel("Justification (required)").fill("Try the new features in staging");
  await dialog.getByRole("button", { name: "Submit request" }).click();
  await expect(lead).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const url = lead.url();
  // The breadcrumb names the request, not its UUID.
  await expect(lead.getByRole("navigation", { name: "Breadcrumb" })).toContainText(`${model} v1 → staging`);
  await expect(lead.getByRole("navigation", { name: "Breadcrumb" })).not.toContainText(url.split("/").pop()!);

  // The model page says a request is open, and leads to it.
  await lead.goto(`/models/${model}`);
  const banner = lead.getByTestId("pending-request");
  await expect(banner).toContainText("v1 → staging pending · needs 1 ml_lead · drift gate failing");
  await banner.getByRole("link", { name: "Open the request" }).click();
  await expect(lead).toHaveURL(url);

  const compliance = await personPage(browser, "compliance@example.com");
  await compliance.goto(url);
  const pipeline = compliance.getByTestId("gate").filter({ hasText: "Producing pipeline run succeeded with all checks" });
  await expect(pipeline).toHaveAttribute("data-status", "not_applicable");
  await expect(pipeline).toContainText("not applicable");
  await expect(pipeline).toContainText("Not applicable: no producing pipeline run recorded");
  // Grey: neither the green of a pass nor the red of a failure.
  await expect(pipeline.locator("svg").first()).toHaveClass(/text-zinc-500/);
  await screenshot(compliance, "promotion-gates-not-applicable");

  const drift = compliance.getByTestId("gate").filter({ hasText: "No drifting features in the last 24 h" });
  await expect(drift).toHaveAttribute("data-status", "failed");
  await compliance.getByRole("button", { name: "Waive “No drifting features in the last 24 h”" }).click();
  await compliance.getByLabel("Why this gate may be waived (required)").fill("The amount shift is the new pricing, reviewed with the fraud team");
  await compliance.getByRole("button", { name: /^Confirm: waive/ }).click();
  await expect(drift).toHaveAttribute("data-status", "waived");
  await expect(drift).toContainText("waived");
  await expect(drift.getByTestId("gate-waiver")).toContainText("Waived by compliance@example.com");
  await expect(drift.getByTestId("gate-waiver")).toContainText("The amount shift is the new pricing");
  // The event log names the gate by its title.
  await expect(compliance.getByTestId("promotion-event").filter({ hasText: "waived a gate" })).toContainText("No drifting features in the last 24 h");
  await screenshot(compliance, "promotion-gate-waived");
  await screenshot(compliance, "promotion-gate-waived", { dark: true });
  await screenshot(compliance, "promotion-gate-waived", { width: 1024 });
  await screenshot(compliance, "promotion-gate-waived", { dark: true, width: 1024 });

  // With the gate waived, the second ml_lead is told their approval executes the promotion.
  const lead2 = await personPage(browser, "lead2@example.com");
  await lead2.goto(url);
  await expect(lead2.getByTestId("approve-effect")).toContainText("executes the promotion at once: v1 moves to staging");
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

test("the rollback dialog sets production against the target, and after a rollback links to its review", async ({ browser }) => {
  // Many sign-ins and full-page screenshots: minutes on a machine shared by several builds.
  test.setTimeout(240_000);
  // A model of its own, with two versions that each held production, so the demo's story stays as it is.
  const key = { authorization: "Bearer plb_demo_key_0123456789abcdef" };
  const model = `e2e-rollback-${Date.now().toString(36)}`;
  // One after another: four sign-ins at once time out on a busy machine.
  const [lead, lead2, compliance, oncall] = [
    await personPage(browser, "lead@example.com"),
    await personPage(browser, "lead2@example.com"),
    await personPage(browser, "compliance@example.com"),
    await personPage(browser, "oncall@example.com"),
  ];
  const post = async (page: Page, url: string, data: unknown, status: number) => {
    const res = await page.request.post(url, { data, headers: { origin: new URL(page.url()).origin } });
    expect(res.status(), await res.text()).toBe(status);
    return (await res.json()) as { id: string; status: string };
  };
  expect((await lead.request.post("/api/v1/models", { headers: key, data: { name: model } })).status()).toBe(201);
  for (const version of ["v1", "v2"]) {
    expect((await lead.request.post(`/api/v1/models/${model}/versions`, { headers: key, data: { version, model_card: "# card" } })).status()).toBe(201);
    const staging = await post(lead, "/api/v1/promotions", { model, version, target_stage: "staging", justification: "e2e" }, 201);
    expect((await post(lead2, `/api/v1/promotions/${staging.id}/approve`, {}, 200)).status).toBe("executed");
    const production = await post(lead, "/api/v1/promotions", { model, version, target_stage: "production", justification: "e2e" }, 201);
    await post(lead2, `/api/v1/promotions/${production.id}/approve`, {}, 200);
    expect((await post(compliance, `/api/v1/promotions/${production.id}/approve`, {}, 200)).status).toBe("executed");
  }

  const page = oncall;
  await page.goto(`/models/${model}`);
  const trigger = page.getByRole("button", { name: "Roll back", exact: true });
  await trigger.click();
  const dialog = page.getByRole("dialog", { name: "Break-glass rollback" });
  // The dialog opens below its trigger, never over it.
  const [button, box] = [(await trigger.boundingBox())!, (await dialog.boundingBox())!];
  expect(box.y).toBeGreaterThanOrEqual(button.y + button.height);
  const facts = dialog.getByTestId("version-facts");
  await expect(facts.getByRole("row").nth(1)).toContainText("production now v2");
  await expect(facts.getByRole("row").nth(2)).toContainText("back to v1");
  // v1 held production between its promotion and v2's: a duration, not "never".
  await expect(facts.getByRole("row").nth(2)).toContainText(/\d+ (min|h|d)/);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeVisible();
  // Cancel closes it and gives focus back to the trigger.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(trigger).toBeFocused();

  await trigger.click();
  await dialog.getByLabel("Reason (required)").fill("e2e: v2 regressed after the index rebuild");
  await dialog.getByRole("button", { name: "Roll back now" }).click();
  const done = page.getByRole("status").filter({ hasText: "v1 is back in production in place of v2" });
  await expect(done).toBeVisible();
  await done.getByRole("link", { name: "Its break-glass review" }).click();
  await expect(page).toHaveURL(/\/approvals#review-[0-9a-f-]{36}$/);
  await expect(page.getByTestId("review-item").filter({ hasText: "e2e: v2 regressed" })).toBeVisible();

  // The demo's rollback dialog, with real serving numbers, for a person to look at.
  await page.goto("/models/search-ranker");
  await page.getByRole("button", { name: "Roll back", exact: true }).click();
  await expect(page.getByTestId("version-facts")).toContainText(/\d+ ms/);
  await screenshot(page, "rollback-dialog");
  await screenshot(page, "rollback-dialog", { dark: true, width: 1024 });
});
