import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIp } from "@/lib/api/client-ip";
import { appendAudit } from "@/lib/audit/append";
import { getDb } from "@/lib/db";
import { verifyPassword } from "./password";
import { clearSigninFailures, recordSigninFailure } from "./signin-limit";
import { OIDC_PROVIDER_ID, oidcAccountId, oidcProviders, oidcSignIn } from "./oidc";
import { passwordSignInEnabled } from "./sign-in-methods";
import { findUserByEmail, normaliseEmail } from "./queries";

/** Sessions end 12 hours after sign-in at the latest, however active. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

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
      async authorize(credentials, req) {
        const email = normaliseEmail(String(credentials?.email ?? ""));
        const password = String(credentials?.password ?? "");
        const ip = clientIp(req?.headers ?? {});
        const db = await getDb();
        const user = email ? await findUserByEmail(db, email) : undefined;
        const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
        if (!user || !user.active || !passwordOk) {
          await recordSigninFailure(db, email, ip);
          const reason = !user ? "unknown account" : !user.active ? "account disabled" : "wrong password";
          await appendAudit(
            db,
            { actor: email || "(none)", ip: ip ?? null },
            { action: "auth.signin", target: email || "(none)", outcome: "failure", detail: { reason } },
          );
          return null;
        }
        await clearSigninFailures(db, email, ip);
        await appendAudit(db, { actor: email, ip: ip ?? null }, { action: "auth.signin", target: email, detail: {} });
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ].filter((provider) => provider.type !== "credentials" || passwordSignInEnabled()),
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      return (await oidcSignIn((profile ?? {}) as Record<string, unknown>)) || "/login?error=SsoRefused";
    },
    async jwt({ token, user, account, profile }) {
      if (user) token.signedInAt = Date.now();
      // A single sign-on identity is the provider's (issuer, subject); sessions carry our own user id.
      if (account?.provider === OIDC_PROVIDER_ID) token.sub = await oidcAccountId((profile ?? {}) as Record<string, unknown>);
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, signedInAt: token.signedInAt };
    },
  },
};
