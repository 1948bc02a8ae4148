import "server-only";
import type { Provider } from "next-auth/providers/index";
import type { TokenSet } from "openid-client";
import { appendAudit } from "@/lib/audit/append";
import { getDb } from "@/lib/db";
import { ssoIdentityFromClaims } from "./oidc-claims";
import { resolveSsoAccount } from "./commands";
import { findSsoAccountId } from "./queries";

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
      userinfo: {
        // When an access token is issued, a provider may serve email and groups from its userinfo
        // endpoint only, keeping them out of the ID token. Read both; who signed in (issuer and
        // subject) comes from the verified ID token, and the client checks userinfo's subject matches.
        async request({ tokens, client }) {
          // next-auth hands over openid-client's TokenSet, whose ID token `client.callback` verified.
          const verified = tokens as TokenSet;
          const idClaims = verified.claims();
          const userinfo = client.issuer.metadata.userinfo_endpoint ? await client.userinfo(verified) : {};
          return { ...idClaims, ...userinfo, iss: idClaims.iss, sub: idClaims.sub };
        },
      },
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

function rolesClaim(): string {
  return process.env.OIDC_ROLES_CLAIM ?? "groups";
}

/**
 * Admits a provider's identity to its account (see `resolveSsoAccount`). Every attempt is audited
 * under the account's email, or the claimed one when refused; a refusal changes nothing else.
 */
export async function oidcSignIn(claims: Record<string, unknown>): Promise<boolean> {
  const db = await getDb();
  const parsed = ssoIdentityFromClaims(claims, rolesClaim());
  return db.transaction(async (tx) => {
    const outcome = "identity" in parsed ? await resolveSsoAccount(tx, parsed.identity) : parsed;
    const identity = "identity" in parsed ? { issuer: parsed.identity.issuer, subject: parsed.identity.subject } : {};
    const who = "user" in outcome ? outcome.user.email : "identity" in parsed ? parsed.identity.email : "(none)";
    await appendAudit(
      tx,
      { actor: who, ip: null },
      {
        action: "auth.signin",
        target: who,
        outcome: "user" in outcome ? "success" : "failure",
        detail: { method: "oidc", ...identity, ...("user" in outcome ? { roles: outcome.user.roles } : { reason: outcome.refused }) },
      },
    );
    return "user" in outcome;
  });
}

/** The account an SSO sign-in that `oidcSignIn` admitted belongs to. */
export async function oidcAccountId(claims: Record<string, unknown>): Promise<string | undefined> {
  const parsed = ssoIdentityFromClaims(claims, rolesClaim());
  return "identity" in parsed ? findSsoAccountId(await getDb(), parsed.identity.issuer, parsed.identity.subject) : undefined;
}
