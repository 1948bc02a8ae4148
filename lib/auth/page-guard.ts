import "server-only";
import { redirect } from "next/navigation";
import { rolesGrant, type Permission } from "./permissions";
import type { UserPrincipal } from "./principal";
import { getDb } from "@/lib/db";
import { findUserById } from "./queries";
import { sessionUser } from "./session";

/** For pages: the signed-in person, or a redirect to /login. Checked on every render. */
export async function requirePageUser(): Promise<UserPrincipal> {
  const user = await sessionUser();
  if (!user) redirect("/login");
  return user;
}

/** Whether the person signed in with a one-time password and has yet to choose their own. */
export async function mustChangePassword(user: UserPrincipal): Promise<boolean> {
  return (await findUserById(await getDb(), user.id))?.mustChangePassword ?? false;
}

export function userCan(user: UserPrincipal, permission: Permission): boolean {
  return rolesGrant(user.roles, permission);
}
