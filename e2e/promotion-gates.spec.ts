import { expect, test, type Page } from "@playwright/test";
import { personPage, screenshot } from "./helpers";

// These journeys register models of their own, so they run after the specs that count the demo's
// five models (Playwright runs files in name order on one worker).

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
