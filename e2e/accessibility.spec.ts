import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

/**
 * axe-core on every page as an admin (who sees every control) and as a viewer (who sees every
 * reason for an absent one), and on the pages whose controls depend on the role as each other
 * role: no serious or critical violation. Then the keyboard: every control on a page is reached by
 * Tab and shows where the focus is; and every chart has a text alternative.
 */
const EVERY_PAGE = [
  "/",
  "/models",
  "/models/fraud-detector",
  "/models/fraud-detector/versions/v3",
  "/drift",
  "/drift?cell=fraud-detector:amount",
  "/pipelines",
  "/incidents",
  "/approvals",
  "/account",
];
const SETTINGS_PAGES = ["/audit", "/settings", "/settings/users", "/settings/keys", "/settings/webhooks", "/settings/alerts", "/settings/policies"];
const ROLE_PAGE = "/models/fraud-detector";

async function violations(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 20_000 });
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target.join(" ")}`);
}

/** The charts on the page now (Recharts draws an svg.recharts-surface): each named by itself or by the image it is drawn in. */
async function chartsWithoutText(page: Page, path: string): Promise<{ charts: number; faults: string[] }> {
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("svg.recharts-surface")].map((svg) => {
      const image = svg.closest('[role="img"]') ?? (svg.getAttribute("aria-label") ? svg : null);
      const name = image?.getAttribute("aria-label") ?? (image?.getAttribute("aria-labelledby") ? "labelled elsewhere" : "");
      return name.trim().length >= 10 ? null : (svg.parentElement?.closest("[data-testid]")?.getAttribute("data-testid") ?? "a chart");
    }),
  );
  return { charts: unnamed.length, faults: unnamed.filter((n): n is string => n !== null).map((n) => `${path}: ${n} has no text alternative`) };
}

/** The pages that only exist once the demo has made them: a pipeline's, a promotion request's and an incident's. */
async function linkedPages(page: Page): Promise<string[]> {
  const first = async (list: string, prefix: string) => {
    await page.goto(list);
    const link = page.locator(`main a[href^="${prefix}"]`).first();
    await expect(link).toBeVisible({ timeout: 20_000 });
    return link.getAttribute("href");
  };
  const found = [await first("/pipelines", "/pipelines/"), await first("/approvals", "/approvals/"), await first("/incidents", "/incidents/")];
  return found.filter((href): href is string => href !== null);
}

test("the sign-in page has no serious accessibility violation", async ({ page }) => {
  expect(await violations(page, "/login")).toEqual([]);
});

test("every page, as an admin: no serious accessibility violation, and every chart has a text alternative", async ({ page }) => {
  test.setTimeout(600_000);
  await signInAs(page, "admin@example.com");
  const found: string[] = [];
  let charts = 0;
  for (const path of [...EVERY_PAGE, ...SETTINGS_PAGES, ...(await linkedPages(page))]) {
    found.push(...(await violations(page, path)));
    const drawn = await chartsWithoutText(page, path);
    charts += drawn.charts;
    found.push(...drawn.faults);
  }
  expect(found).toEqual([]);
  // The model page, its version, the drift drawer and a pipeline draw charts: the check saw them.
  expect(charts).toBeGreaterThan(3);
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
    // A promotion request's page: its controls (approve, reject, waive) are the ones a role changes.
    await page.goto("/approvals");
    const request = await page.locator('main a[href^="/approvals/"]').first().getAttribute("href");
    const found: string[] = [];
    for (const path of [ROLE_PAGE, ...(request ? [request] : [])]) found.push(...(await violations(page, path)));
    expect(request).not.toBeNull();
    expect(found).toEqual([]);
  });
}

/** What a control shows while it holds the keyboard's focus: an outline or a ring (a box shadow). */
async function focusOf(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    el.setAttribute("data-keyboard-reached", "");
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== "none" && style.boxShadow !== "";
    const box = el.getBoundingClientRect();
    const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
    return { name, visible: outline || ring, onScreen: box.width > 0 && box.height > 0 };
  });
}

/** Tabs through the whole page: the controls never reached, and those reached without a visible focus. */
async function keyboardFaults(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 20_000 });
  // Let client components hydrate and the page settle before walking its controls.
  await page.waitForLoadState("networkidle");
  const faults: string[] = [];
  await page.locator("body").focus();
  // Round the page once: Tab until the focus comes back to a control it has already been on.
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press("Tab");
    const again = await page.evaluate(() => document.activeElement?.hasAttribute("data-keyboard-reached") ?? false);
    if (again) break;
    const focus = await focusOf(page);
    if (focus && focus.onScreen && !focus.visible) faults.push(`${path}: ${focus.name} has no visible focus`);
  }
  const unreached = await page.evaluate(() => {
    const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden" || el.closest("[inert], [aria-hidden=true]")) return false;
        // One radio of a group takes the focus; the arrows move it within.
        if (el instanceof HTMLInputElement && el.type === "radio")
          return !document.querySelector(`input[type=radio][name="${el.name}"][data-keyboard-reached]`);
        return !el.hasAttribute("data-keyboard-reached");
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`);
  });
  for (const name of new Set(unreached)) faults.push(`${path}: ${name} is not reached by Tab`);
  return [...new Set(faults)];
}

test("every control is reached by the keyboard and shows its focus", async ({ page }) => {
  test.setTimeout(600_000);
  await signInAs(page, "admin@example.com");
  const found: string[] = [];
  for (const path of ["/", "/models/fraud-detector", "/drift", "/drift?cell=fraud-detector:amount", "/incidents", "/approvals", "/settings/webhooks"]) {
    found.push(...(await keyboardFaults(page, path)));
  }
  expect(found).toEqual([]);
});
