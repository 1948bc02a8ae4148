import { rolesGrant, scopesGrant, type Permission, type Role, type Scope } from "./permissions";

export interface UserPrincipal {
  kind: "user";
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** Set after an administrator's reset: the person may only choose a new password until they do. */
  mustChangePassword: boolean;
}

export interface KeyPrincipal {
  kind: "key";
  id: string;
  prefix: string;
  scopes: Scope[];
}

/** Whoever is calling: a signed-in person or an API key. */
export type Principal = UserPrincipal | KeyPrincipal;

export function principalCan(principal: Principal, permission: Permission): boolean {
  return principal.kind === "user" ? rolesGrant(principal.roles, permission) : scopesGrant(principal.scopes, permission);
}

/** The audit trail's name for a principal: the person's email, or `key:<prefix>`. */
export function actorOf(principal: Principal): string {
  return principal.kind === "user" ? principal.email : `key:${principal.prefix}`;
}
