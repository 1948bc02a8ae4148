import { expect, test, type Page } from "@playwright/test";
import { READER_NAVIGATION, screenshot } from "../helpers";
import { IDP, IDP_PEOPLE, type IdpPerson } from "./setup";

/** What each person's groups at the provider grant here: roles by name, unknown groups ignored. */
const EXPECTED: Record<string, { roles: string[]; navigation: string[] }> = {
  ada: { roles: ["ml_lead"], navigation: READER_NAVIGATION },
  otto: { roles: ["oncall", "compliance"], navigation: [...READER_NAVIGATION, "Audit"] },
};

/** From Plumbline's login page through the provider's own sign-in page, as a person does it. */
async function signInAtProvider(page: Page, person: IdpPerson) {
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${IDP.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${IDP.issuer}/interaction/`));
  await page.getByLabel("Username").fill(person.login);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

for (const person of IDP_PEOPLE) {
  const expected = EXPECTED[person.login];

  test(`${person.name} signs in at the identity provider and lands with the roles of their groups (${person.groups.join(", ")})`, async ({ page }) => {
    await signInAtProvider(page, person);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("user-email")).toHaveText(person.email);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(expected.navigation);
    const me = await (await page.request.get("/api/v1/me")).json();
    expect(me).toMatchObject({ kind: "user", email: person.email, roles: expected.roles });
  });
}

test("a callback whose state was tampered with is refused, and nobody is signed in", async ({ page }) => {
  // The state the app receives back must be the one it bound to this browser; change it on the way out.
  await page.route(`${IDP.issuer}/auth?**`, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set("state", `${url.searchParams.get("state")}-tampered`);
    return route.continue({ url: url.toString() });
  });
  await signInAtProvider(page, IDP_PEOPLE[0]);
  await expect(page).toHaveURL(/\/login\?(.+&)?error=OAuthCallback/);
  await expect(page.getByRole("alert").filter({ hasText: "Single sign-on did not complete. Try again." })).toBeVisible();
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
});

test("an SSO-only deployment shows no password form and refuses password sign-in through the API", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: `Sign in with ${IDP.name}` })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await screenshot(page, "login-sso-only");
  await screenshot(page, "login-sso-only", { dark: true });

  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const refused = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: "someone@example.com", password: "a-password-of-some-length", json: "true" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
  expect(Object.keys(await (await page.request.get("/api/auth/providers")).json())).toEqual(["oidc"]);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
});
