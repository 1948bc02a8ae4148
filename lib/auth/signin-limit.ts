import "server-only";
import { and, asc, eq, gte, lt, ne } from "drizzle-orm";
import { signinFailures } from "@/drizzle/schema";
import type { Db } from "@/lib/db";

/** Failures allowed for one account from one address in the window. */
export const SIGNIN_MAX_FAILURES = 5;
/** Failures allowed from one address across all accounts: guessing many accounts is limited too. */
export const SIGNIN_MAX_FAILURES_PER_ADDRESS = 20;
export const SIGNIN_WINDOW_MS = 15 * 60_000;

/** The limit's key for a caller without a known address: all of them share one budget. */
const NO_ADDRESS = "unknown";

export type SigninClaim = { claimed: true; id: string } | { claimed: false; retryAfter: number };

/** Seconds until the oldest failures that hold the count at `max` have aged out of the window, or 0. */
function secondsUntilBelow(max: number, failures: { at: Date }[], now: Date): number {
  if (failures.length < max) return 0;
  const unlocking = failures[failures.length - max];
  return Math.max(1, Math.ceil((unlocking.at.getTime() + SIGNIN_WINDOW_MS - now.getTime()) / 1000));
}

/**
 * Counts an attempt as a failure before the password is checked, so that concurrent guesses see
 * each other, then answers whether it may go on: counted per account and address (an attacker
 * elsewhere cannot lock the owner out), and per address across accounts. A refused attempt is
 * not counted; a successful one clears its account's failures from that address.
 */
export async function claimSigninAttempt(db: Db, email: string, ip: string | null, now = new Date()): Promise<SigninClaim> {
  const address = ip ?? NO_ADDRESS;
  await db.delete(signinFailures).where(lt(signinFailures.at, new Date(now.getTime() - SIGNIN_WINDOW_MS)));
  const [attempt] = await db.insert(signinFailures).values({ email, ip: address, at: now }).returning({ id: signinFailures.id });
  const earlier = await db
    .select({ email: signinFailures.email, at: signinFailures.at })
    .from(signinFailures)
    .where(and(eq(signinFailures.ip, address), gte(signinFailures.at, new Date(now.getTime() - SIGNIN_WINDOW_MS)), ne(signinFailures.id, attempt.id)))
    .orderBy(asc(signinFailures.at));
  const retryAfter = Math.max(
    secondsUntilBelow(
      SIGNIN_MAX_FAILURES,
      earlier.filter((f) => f.email === email),
      now,
    ),
    secondsUntilBelow(SIGNIN_MAX_FAILURES_PER_ADDRESS, earlier, now),
  );
  if (retryAfter === 0) return { claimed: true, id: attempt.id };
  await db.delete(signinFailures).where(eq(signinFailures.id, attempt.id));
  return { claimed: false, retryAfter };
}

export async function clearSigninFailures(db: Db, email: string, ip: string | null): Promise<void> {
  await db.delete(signinFailures).where(and(eq(signinFailures.email, email), eq(signinFailures.ip, ip ?? NO_ADDRESS)));
}
