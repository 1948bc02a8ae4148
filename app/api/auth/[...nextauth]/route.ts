import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/api/client-ip";
import { apiError, errorBody, errorResponse } from "@/lib/api/errors";
import { authOptions } from "@/lib/auth/next-auth";
import { passwordSignInEnabled } from "@/lib/auth/sign-in-methods";
import { signinRetryAfter } from "@/lib/auth/signin-limit";
import { normaliseEmail } from "@/lib/auth/queries";
import { getDb } from "@/lib/db";

const nextAuth = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

export function GET(req: NextRequest, ctx: Ctx) {
  return nextAuth(req, ctx);
}

/**
 * Credentials sign-in passes through the rate limit first: 5 failures in 15 minutes for one
 * account from one address answer 429 with Retry-After, before the password is even checked.
 */
export async function POST(req: NextRequest, ctx: Ctx) {
  // An SSO-only deployment has no credentials provider: say so in the contract's error shape.
  if (req.nextUrl.pathname.endsWith("/credentials") && !passwordSignInEnabled()) {
    return errorResponse(apiError(403, "Password sign-in is switched off here: sign in with single sign-on"));
  }
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = normaliseEmail(String(form?.get("email") ?? ""));
    if (email.includes("\u0000") || String(form?.get("password") ?? "").includes("\u0000")) {
      const url = new URL("/login?error=CredentialsSignin", req.nextUrl.origin).toString();
      return Response.json({ ...errorBody(apiError(400, "Email and password must not contain the NUL character")), url }, { status: 400 });
    }
    const retryAfter = email ? await signinRetryAfter(await getDb(), email, clientIp(req.headers)) : 0;
    if (retryAfter > 0) {
      const error = apiError(429, `Too many failed sign-ins for this account from your address; try again in ${retryAfter} s`);
      // next-auth's client reads `url` to learn the error; the contract's error shape stays intact.
      const url = new URL(`/login?error=RateLimited&retry_after=${retryAfter}`, req.nextUrl.origin).toString();
      return Response.json({ ...errorBody(error), url }, { status: 429, headers: { "Retry-After": String(retryAfter) } });
    }
  }
  return nextAuth(req, ctx);
}
