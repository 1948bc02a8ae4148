import "server-only";
import { redirect } from "next/navigation";
import { rolesGrant, type Permission } from "./permissions";
import type { UserPrincipal } from "./principal";
import { sessionUser } from "./session";

/** For pages: the signed-in person, or a redirect to /login. Checked on every render. */
export async function requirePageUser(): Promise<UserPrincipal> {
  const user = await sessionUser();
  if (!user) redirect("/login");
  return user;
}

export function userCan(user: UserPrincipal, permission: Permission): boolean {
  return rolesGrant(user.roles, permission);
}
