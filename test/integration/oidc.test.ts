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

interface Me {
  id: string;
  email: string;
  roles: string[];
}

async function me(session: Session): Promise<Me> {
  return (await (await session.get("/api/v1/me")).json()) as Me;
}

async function accountByEmail(admin: Session, email: string) {
  const { users } = (await (await admin.get("/api/v1/users")).json()) as { users: { id: string; email: string; roles: string[]; active: boolean }[] };
  return users.find((u) => u.email === email);
}

async function lastSsoSignIn(admin: Session, email: string) {
  const audit = (await (await admin.get(`/api/v1/audit?action=auth.signin&target=${encodeURIComponent(email)}`)).json()) as {
    entries: { outcome: string; detail: { method?: string; reason?: string } }[];
  };
  return audit.entries[0];
}

describe.each(inject("servers"))("single sign-on identities on $engine are the provider's (issuer, subject), not its email", ({ baseUrl, engine }) => {
  const run = `${engine}.${Date.now()}`;

  it("links an existing account by email only when the provider says that email is verified", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const email = `linked.${run}@example.com`;
    const created = (await (await admin.request("POST", "/api/v1/users", { email, name: "Lin Ked", roles: ["viewer"] })).json()) as { id: string };
    for (const emailVerified of [false, undefined, "yes"]) {
      const refused = await ssoSignIn(baseUrl, { sub: `claimant-${run}`, email, email_verified: emailVerified, groups: ["compliance"] });
      expect(refused.session.hasSessionCookie(), `email_verified: ${emailVerified}`).toBe(false);
      expect(refused.landedOn).toMatch(/\/login\?error=/);
    }
    expect(await lastSsoSignIn(admin, email)).toMatchObject({ outcome: "failure", detail: { method: "oidc" } });
    expect(await accountByEmail(admin, email)).toMatchObject({ id: created.id, roles: ["viewer"], active: true });

    const { session } = await ssoSignIn(baseUrl, { sub: `owner-${run}`, email: email.toUpperCase(), email_verified: true, groups: ["ml_lead"] });
    expect(await me(session)).toMatchObject({ id: created.id, email, roles: ["ml_lead"] });
  });

  it("refuses a second subject with the same email instead of merging it into the account the first one owns", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const email = `owned.${run}@example.com`;
    const first = await ssoSignIn(baseUrl, { sub: `first-${run}`, email, email_verified: true, groups: ["viewer"] });
    const owner = await me(first.session);

    const second = await ssoSignIn(baseUrl, { sub: `second-${run}`, email, email_verified: true, groups: ["compliance"] });
    expect(second.session.hasSessionCookie()).toBe(false);
    expect(second.landedOn).toMatch(/\/login\?error=/);
    expect(await lastSsoSignIn(admin, email)).toMatchObject({ outcome: "failure", detail: { method: "oidc" } });
    expect(await accountByEmail(admin, email)).toMatchObject({ id: owner.id, roles: ["viewer"] });

    const again = await ssoSignIn(baseUrl, { sub: `first-${run}`, email, email_verified: true, groups: ["viewer"] });
    expect(await me(again.session)).toMatchObject({ id: owner.id, roles: ["viewer"] });
  });

  it("keeps a known subject on its own account when the provider changes its email, even to another account's", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const sub = `mover-${run}`;
    const email = `mover.${run}@example.com`;
    const first = await me((await ssoSignIn(baseUrl, { sub, email, email_verified: true, groups: ["oncall"] })).session);

    const renamed = await ssoSignIn(baseUrl, { sub, email: `renamed.${run}@example.com`, email_verified: true, groups: ["oncall"] });
    expect(await me(renamed.session)).toMatchObject({ id: first.id, roles: ["oncall"] });

    const viewer = await accountByEmail(admin, "viewer@example.com");
    const posing = await ssoSignIn(baseUrl, { sub, email: "viewer@example.com", email_verified: true, groups: ["compliance"] });
    expect(await me(posing.session)).toMatchObject({ id: first.id, email, roles: ["compliance"] });
    expect(await accountByEmail(admin, "viewer@example.com")).toEqual(viewer);
  });
});
