import { z } from "zod";
import { isRole, type Role } from "./permissions";

/**
 * The roles an identity provider grants, read from one claim (default `groups`) by name. The claim
 * may be a list or a single string; unknown names are ignored, so an IdP group like "engineering"
 * grants nothing.
 */
export function rolesFromClaim(claims: Record<string, unknown>, claim = "groups"): Role[] {
  const value = claims[claim];
  const names = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[\s,]+/) : [];
  return [
    ...new Set(
      names
        .filter((n): n is string => typeof n === "string")
        .map((n) => n.trim())
        .filter(isRole),
    ),
  ];
}

/** Who the provider says signed in: `issuer` and `subject` name the person for good, the rest may change. */
export interface SsoIdentity {
  issuer: string;
  subject: string;
  email: string;
  /** Only a provider-verified email may attach this identity to an account that already exists. */
  emailVerified: boolean;
  name: string;
  roles: Role[];
}

// Claims end up in the database and the audit trail: text it can store exactly, of a sane length.
const claimText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => s.isWellFormed() && !s.includes("\u0000"), "must be valid Unicode without NUL");

const identityClaimsSchema = z.object({
  iss: claimText(2048),
  // OpenID Connect caps the subject at 255 ASCII characters.
  sub: claimText(255),
  email: claimText(320).refine((s) => s.includes("@"), "must be an email address"),
  name: claimText(200).optional().catch(undefined),
});

/**
 * The identity in a provider's claims, or why they name nobody usable. Some providers send
 * `email_verified` as the string "true" (from userinfo endpoints that stringify booleans).
 */
export function ssoIdentityFromClaims(claims: Record<string, unknown>, rolesClaim = "groups"): { identity: SsoIdentity } | { refused: string } {
  const parsed = identityClaimsSchema.safeParse(claims);
  if (!parsed.success) return { refused: `no usable ${String(parsed.error.issues[0].path[0])} claim` };
  const { iss, sub, email, name } = parsed.data;
  const normalisedEmail = email.toLowerCase();
  return {
    identity: {
      issuer: iss,
      subject: sub,
      email: normalisedEmail,
      emailVerified: claims.email_verified === true || claims.email_verified === "true",
      name: name ?? normalisedEmail,
      roles: rolesFromClaim(claims, rolesClaim),
    },
  };
}
