import "server-only";
import { and, asc, eq, gte, lt } from "drizzle-orm";
import { signinFailures } from "@/drizzle/schema";
import type { Db } from "@/lib/db";

export const SIGNIN_MAX_FAILURES = 5;
export const SIGNIN_WINDOW_MS = 15 * 60_000;

/**
 * Seconds until another attempt for this account from this address is allowed, or 0.
 * Counted per account *and* address, so an attacker elsewhere cannot lock the owner out.
 */
export async function signinRetryAfter(db: Db, email: string, ip: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - SIGNIN_WINDOW_MS);
  const failures = await db
    .select({ at: signinFailures.at })
    .from(signinFailures)
    .where(and(eq(signinFailures.email, email), eq(signinFailures.ip, ip), gte(signinFailures.at, since)))
    .orderBy(asc(signinFailures.at));
  if (failures.length < SIGNIN_MAX_FAILURES) return 0;
  // The window reopens when enough of the oldest failures have aged out of it.
  const unlocking = failures[failures.length - SIGNIN_MAX_FAILURES];
  return Math.max(1, Math.ceil((unlocking.at.getTime() + SIGNIN_WINDOW_MS - now.getTime()) / 1000));
}

export async function recordSigninFailure(db: Db, email: string, ip: string): Promise<void> {
  await db.insert(signinFailures).values({ email, ip });
  // Old rows serve no purpose: keep the table as small as the window.
  await db.delete(signinFailures).where(lt(signinFailures.at, new Date(Date.now() - SIGNIN_WINDOW_MS)));
}

export async function clearSigninFailures(db: Db, email: string, ip: string): Promise<void> {
  await db.delete(signinFailures).where(and(eq(signinFailures.email, email), eq(signinFailures.ip, ip)));
}
