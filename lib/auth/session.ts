import "server-only";
import { getServerSession } from "next-auth";
import { getDb } from "@/lib/db";
import { authOptions, SESSION_MAX_AGE_SECONDS } from "./next-auth";
import { isRole } from "./permissions";
import type { UserPrincipal } from "./principal";
import { findUserById } from "./queries";

/**
 * The signed-in person, re-read from the database on every call: a role removed or an account
 * disabled takes effect on the very next request, whatever the session cookie still says.
 */
export async function sessionUser(): Promise<UserPrincipal | null> {
  const session = (await getServerSession(authOptions)) as { userId?: string; signedInAt?: number; viaPassword?: boolean } | null;
  if (!session?.userId || typeof session.signedInAt !== "number") return null;
  if (Date.now() - session.signedInAt > SESSION_MAX_AGE_SECONDS * 1000) return null;
  const user = await findUserById(await getDb(), session.userId);
  if (!user || !user.active) return null;
  // A password change or reset ends every session that began before it.
  if (user.sessionsValidFrom && session.signedInAt < user.sessionsValidFrom.getTime()) return null;
  return {
    kind: "user",
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.filter(isRole),
    mustChangePassword: user.mustChangePassword && session.viaPassword !== false,
  };
}
