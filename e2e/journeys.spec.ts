import { expect, test, type Page } from "@playwright/test";
import { screenshot, signInAs } from "./helpers";

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test("at 1024 px the sidebar folds to icons and the audit page never scrolls sideways, even with an entry open", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await signInAs(page, "compliance@example.com");
  const nav = page.getByRole("navigation", { name: "Main" });
  expect((await nav.boundingBox())!.width).toBeLessThan(80);
  // Folded, every link still has its name for keyboard and screen-reader users.
  await expect(nav.getByRole("link", { name: "Audit" })).toBeVisible();

  await nav.getByRole("link", { name: "Audit" }).click();
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(true);
  await rows.first().click();
  await expect(page.getByTestId("entry-json")).toBeVisible();
  expect(await noSidewaysScroll(page)).toBe(true);
  await screenshot(page, "audit-entry", { width: 1024 });

  await page.setViewportSize({ width: 1440, height: 900 });
  expect((await nav.boundingBox())!.width).toBeGreaterThan(150);
});

test("the audit page follows the time range the top bar shows, and quotes exact UTC times", async ({ page }) => {
  await signInAs(page, "compliance@example.com");
  await page.goto("/audit");
  await expect(page.getByText("Showing last 24 h:")).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);

  await page.getByRole("group", { name: "Time window" }).getByRole("link", { name: "Last 1 h" }).click();
  await expect(page).toHaveURL(/range=1h/);
  await expect(page.getByText("Showing last 1 h:")).toBeVisible();
  await expect(page.getByLabel("Time range")).toHaveValue("1h");

  await page.getByLabel("Time range").selectOption("7d");
  await expect(page.getByText("Showing last 7 d:")).toBeVisible();

  await page.getByLabel("From (UTC)").fill("2020-01-01T00:00");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Showing the window below (UTC):")).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
});
