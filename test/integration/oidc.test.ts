import { describe, expect, inject, it } from "vitest";
import { Session, signedIn } from "../support/http";

const issuer = inject("oidcIssuer");

/** Signs in through the fake identity provider as a browser would: start, authorize, callback. */
async function ssoSignIn(baseUrl: string, identity: Record<string, unknown>): Promise<{ session: Session; landedOn: string }> {
  await fetch(`${issuer}/next-identity`, { method: "POST", body: JSON.stringify(identity) });
  const session = new Session(baseUrl);
  const { csrfToken } = (await (await session.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const start = await session.request(
    "POST",
    "/api/auth/signin/oidc",
    new URLSearchParams({ csrfToken, callbackUrl: `${baseUrl}/`, json: "true" }).toString(),
    {
      "content-type": "application/x-www-form-urlencoded",
    },
  );
  const { url } = (await start.json()) as { url: string };
  expect(url.startsWith(`${issuer}/authorize`)).toBe(true);
  const authorized = await fetch(url, { redirect: "manual" });
  const callback = new URL(authorized.headers.get("location")!);
  const landed = await session.request("GET", callback.pathname + callback.search);
  return { session, landedOn: landed.headers.get("location") ?? "" };
}

describe.each(inject("servers"))("single sign-on with OpenID Connect on $engine", ({ baseUrl, engine }) => {
  const email = `sso.${engine}.${Date.now()}@example.com`;

  it("creates the account on first sign-in with the roles of the groups claim", async () => {
    const { session } = await ssoSignIn(baseUrl, { sub: `sub-${email}`, email, name: "Sam Sso", groups: ["ml_lead", "engineering"] });
    expect(session.hasSessionCookie()).toBe(true);
    expect(await (await session.get("/api/v1/me")).json()).toMatchObject({ kind: "user", email, roles: ["ml_lead"] });
  });

  it("follows the provider's roles at the next sign-in, and refuses an identity with no Plumbline role", async () => {
    const { session } = await ssoSignIn(baseUrl, { sub: `sub-${email}`, email, name: "Sam Sso", groups: ["viewer"] });
    expect(await (await session.get("/api/v1/me")).json()).toMatchObject({ roles: ["viewer"] });
    const refused = await ssoSignIn(baseUrl, { sub: "sub-outsider", email: `outsider.${email}`, groups: ["engineering"] });
    expect(refused.session.hasSessionCookie()).toBe(false);
    expect(refused.landedOn).toMatch(/\/login\?error=/);
  });

  it("keeps an account disabled here out, whatever the provider says", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const { users } = (await (await admin.get("/api/v1/users")).json()) as { users: { id: string; email: string }[] };
    const id = users.find((u) => u.email === email)!.id;
    expect((await admin.request("PATCH", `/api/v1/users/${id}`, { active: false })).status).toBe(200);
    const { session } = await ssoSignIn(baseUrl, { sub: `sub-${email}`, email, groups: ["admin"] });
    expect(session.hasSessionCookie()).toBe(false);
    const audit = (await (await admin.get(`/api/v1/audit?action=auth.signin&target=${encodeURIComponent(email)}`)).json()) as {
      entries: { outcome: string; detail: { method?: string; reason?: string } }[];
    };
    expect(audit.entries[0]).toMatchObject({ outcome: "failure", detail: { method: "oidc", reason: "account disabled" } });
  });
});
