import { expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "plumbline-demo";

/** The main navigation as every role sees it; Audit and Settings need more than reading. */
export const READER_NAVIGATION = ["Overview", "Models", "Drift", "Pipelines", "Incidents", "Approvals"];
export const ALL_NAVIGATION = [...READER_NAVIGATION, "Audit", "Settings"];

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible({ timeout: 20_000 });
}

/** A person signed in in a browser context of their own, at 1440 px. */
export async function personPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signInAs(page, email);
  return page;
}

/** Screenshots land in screenshots/ (not committed) for a person to look at. */
export async function screenshot(page: Page, name: string, options: { dark?: boolean; width?: number } = {}) {
  await page.emulateMedia({ colorScheme: options.dark ? "dark" : "light" });
  if (options.width) await page.setViewportSize({ width: options.width, height: 900 });
  await page.screenshot({ path: `screenshots/${name}${options.dark ? "-dark" : ""}${options.width ? `-${options.width}` : ""}.png`, fullPage: true });
}
