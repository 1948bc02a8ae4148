import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("the live simulator keeps pushing fresh metrics through the public API while the demo runs", async ({ page }) => {
  const since = new Date().toISOString();
  await signInAs(page, "viewer@example.com");
  await expect
    .poll(
      async () => {
        const to = new Date(Date.now() + 60_000).toISOString();
        const res = await page.request.get(`/api/v1/models/fraud-detector/metrics?metric=requests_per_minute&version=v3&from=${since}&to=${to}&max_points=1`);
        const body = (await res.json()) as { series: { points: { count: number }[] }[] };
        return body.series[0]?.points[0]?.count ?? 0;
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toBeGreaterThan(0);
  // It came in with the demo key, as an outside system's data would.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInAs(page, "admin@example.com");
  const keys = (await (await page.request.get("/api/v1/keys")).json()) as { keys: { prefix: string; last_used_at: string | null }[] };
  const demo = keys.keys.find((k) => k.prefix === "plb_demo_key");
  expect(demo?.last_used_at && Date.parse(demo.last_used_at)).toBeGreaterThan(Date.parse(since) - 60_000);
});
