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
