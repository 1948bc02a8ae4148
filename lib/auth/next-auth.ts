import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientIp } from "@/lib/api/client-ip";
import { appendAudit } from "@/lib/audit/append";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { sameOriginPath } from "./callback-url";
import { verifyPassword } from "./password";
import { claimSigninAttempt, clearSigninFailures } from "./signin-limit";
import { refuseSignin, SigninRefused } from "./signin-refusal";
import { OIDC_PROVIDER_ID, oidcAccountId, oidcProviders, oidcSignIn } from "./oidc";
import { passwordSignInEnabled } from "./sign-in-methods";
import { findUserByEmail, normaliseEmail } from "./queries";

/** Sessions end 12 hours after sign-in at the latest, however active. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** The longest address RFC 5321 allows; longer input is refused before anything is stored. */
export const MAX_EMAIL_LENGTH = 320;

const text = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => s.isWellFormed(), "must be valid Unicode")
    .refine((s) => !s.includes("\u0000"), "must not contain the NUL character");

const credentialsSchema = z.object({
  email: text(MAX_EMAIL_LENGTH).refine((s) => s.trim() !== "", "is required"),
  // bcrypt reads 72 bytes; the cap only keeps absurd bodies from being hashed at all.
  password: text(1024),
});

type SignedIn = { id: string; email: string; name: string };

/**
 * The credential check, whatever encoding next-auth read the request in: bad input is refused
 * (400) before anything is stored, every attempt is counted against the limits before the
 * password is compared (429 past them), and every checked attempt is audited.
 */
async function checkCredentials(credentials: unknown, headers: Record<string, string | string[] | undefined>): Promise<SignedIn | null> {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuseSignin({ code: "BadRequest", status: 400, message: `${issue.path.join(".") || "credentials"}: ${issue.message}` });
  }
  const email = normaliseEmail(parsed.data.email);
  const ip = clientIp(headers);
  try {
    const db = await getDb();
    const claim = await claimSigninAttempt(db, email, ip);
    if (!claim.claimed) refuseSignin({ code: "RateLimited", status: 429, retryAfter: claim.retryAfter });
    const user = await findUserByEmail(db, email);
    const passwordOk = await verifyPassword(parsed.data.password, user?.passwordHash ?? null);
    if (!user || !user.active || !passwordOk) {
      const reason = !user ? "unknown account" : !user.active ? "account disabled" : "wrong password";
      await appendAudit(db, { actor: email, ip }, { action: "auth.signin", target: email, outcome: "failure", detail: { reason } });
      return null;
    }
    await clearSigninFailures(db, email, ip);
    await appendAudit(db, { actor: email, ip }, { action: "auth.signin", target: email, detail: {} });
    return { id: user.id, email: user.email, name: user.name };
  } catch (error) {
    if (error instanceof SigninRefused) throw error;
    // The database's own words (its SQL, the outcome) stay in the log, never in the answer.
    log.error("sign-in check failed", { error: String(error).slice(0, 500), cause: String((error as { cause?: unknown }).cause ?? "") });
    refuseSignin({ code: "Unavailable", status: 503 });
  }
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    ...oidcProviders(),
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, req) => checkCredentials(credentials, req?.headers ?? {}),
    }),
  ].filter((provider) => provider.type !== "credentials" || passwordSignInEnabled()),
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      return (await oidcSignIn((profile ?? {}) as Record<string, unknown>)) || "/login?error=SsoRefused";
    },
    async jwt({ token, user, account, profile }) {
      if (user) {
        token.signedInAt = Date.now();
        // A one-time password binds only sessions it opened; the identity provider vouches for the others.
        token.viaPassword = account?.provider !== OIDC_PROVIDER_ID;
      }
      // A single sign-on identity is the provider's (issuer, subject); sessions carry our own user id.
      if (account?.provider === OIDC_PROVIDER_ID) token.sub = await oidcAccountId((profile ?? {}) as Record<string, unknown>);
      return token;
    },
    // After signing in: a path on this app only, whatever callbackUrl the request carried.
    redirect({ url, baseUrl }) {
      return baseUrl + sameOriginPath(url, baseUrl);
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, signedInAt: token.signedInAt, viaPassword: token.viaPassword };
    },
  },
};
