import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

/**
 * axe-core on every page as an admin (who sees every control) and as a viewer (who sees every
 * reason for an absent one), and on the pages whose controls depend on the role as each other
 * role: no serious or critical violation.
 */
const EVERY_PAGE = ["/", "/models", "/models/fraud-detector", "/models/fraud-detector/versions/v3", "/drift", "/pipelines", "/incidents", "/approvals"];
const ROLE_PAGE = "/models/fraud-detector";

async function violations(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 20_000 });
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target.join(" ")}`);
}

/** The pages that only exist once the demo has made them: a pipeline's and a promotion request's. */
async function linkedPages(page: Page): Promise<string[]> {
  await page.goto("/pipelines");
  const pipeline = await page.locator('a[href^="/pipelines/"]').first().getAttribute("href");
  await page.goto("/approvals");
  const request = await page.locator('a[href^="/approvals/"]').first().getAttribute("href");
  return [pipeline, request].filter((href): href is string => href !== null);
}

test("the sign-in page has no serious accessibility violation", async ({ page }) => {
  expect(await violations(page, "/login")).toEqual([]);
});

test("every page, as an admin: no serious accessibility violation", async ({ page }) => {
  test.setTimeout(600_000);
  await signInAs(page, "admin@example.com");
  const found: string[] = [];
  for (const path of [...EVERY_PAGE, "/audit", "/settings", ...(await linkedPages(page))]) found.push(...(await violations(page, path)));
  expect(found).toEqual([]);
});

test("every page, as a viewer: no serious accessibility violation", async ({ page }) => {
  test.setTimeout(600_000);
  await signInAs(page, "viewer@example.com");
  const found: string[] = [];
  for (const path of [...EVERY_PAGE, ...(await linkedPages(page))]) found.push(...(await violations(page, path)));
  expect(found).toEqual([]);
});

for (const email of ["oncall@example.com", "lead@example.com", "compliance@example.com"]) {
  test(`the pages whose controls depend on the role, as ${email}: no serious accessibility violation`, async ({ page }) => {
    test.setTimeout(240_000);
    await signInAs(page, email);
    const found: string[] = [];
    for (const path of [ROLE_PAGE, ...(await linkedPages(page)).filter((p) => p.startsWith("/approvals/"))]) found.push(...(await violations(page, path)));
    expect(found).toEqual([]);
  });
}
