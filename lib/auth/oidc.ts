import "server-only";
import type { Provider } from "next-auth/providers/index";
import { appendAudit } from "@/lib/audit/append";
import { getDb } from "@/lib/db";
import { rolesFromClaim } from "./oidc-roles";
import { syncSsoUser } from "./commands";

export const OIDC_PROVIDER_ID = "oidc";

/** Single sign-on with any OpenID Connect provider, when OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are set. */
export function oidcProviders(): Provider[] {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = process.env;
  if (!issuer || !clientId || !clientSecret) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: process.env.OIDC_NAME ?? "single sign-on",
      type: "oauth",
      wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId,
      clientSecret,
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
      profile(claims: Record<string, unknown>) {
        const email = String(claims.email ?? "");
        return { id: String(claims.sub), email, name: String(claims.name ?? email) };
      },
    },
  ];
}

export function ssoConfigured(): { name: string } | null {
  return oidcProviders().length ? { name: process.env.OIDC_NAME ?? "single sign-on" } : null;
}

/**
 * Admits an SSO identity only with an email and at least one Plumbline role in its claim; the
 * account's roles follow the claim. Returns null (refused) otherwise, with the refusal audited.
 */
export async function oidcSignIn(claims: Record<string, unknown>): Promise<true | null> {
  const db = await getDb();
  const email = typeof claims.email === "string" ? claims.email : "";
  const roles = rolesFromClaim(claims, process.env.OIDC_ROLES_CLAIM ?? "groups");
  const user = email && roles.length ? await syncSsoUser(db, { email, name: String(claims.name ?? email), roles }, {}) : null;
  const reason = !email ? "no email claim" : !roles.length ? "no Plumbline role in the roles claim" : !user ? "account disabled" : null;
  await appendAudit(
    db,
    { actor: email || "(none)", ip: null },
    {
      action: "auth.signin",
      target: email || "(none)",
      outcome: reason ? "failure" : "success",
      detail: { method: "oidc", ...(reason ? { reason } : { roles }) },
    },
  );
  return reason ? null : true;
}
