import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { readLimitedText } from "@/lib/api/body";
import { publicOrigin } from "@/lib/api/client-ip";
import { ApiError, apiError, errorBody, errorResponse } from "@/lib/api/errors";
import { authOptions } from "@/lib/auth/next-auth";
import { passwordSignInEnabled } from "@/lib/auth/sign-in-methods";
import { runSignin, type SigninRefusal } from "@/lib/auth/signin-refusal";
import { log } from "@/lib/log";

const nextAuth = NextAuth(authOptions);

/** A sign-in form is a few hundred bytes; nothing bigger is read, in any encoding. */
const MAX_SIGNIN_BODY_BYTES = 16 * 1024;

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** The error codes next-auth and our own checks put in a redirect; anything else is an internal message. */
const KNOWN_ERRORS = new Set([
  "Configuration",
  "AccessDenied",
  "Verification",
  "Default",
  "Signin",
  "OAuthSignin",
  "OAuthCallback",
  "OAuthCreateAccount",
  "OAuthAccountNotLinked",
  "Callback",
  "SessionRequired",
  "CredentialsSignin",
  "SsoRefused",
  "BadRequest",
  "RateLimited",
  "Unavailable",
]);

/** A redirect whose `error` is not one of the known codes gets the generic one instead. */
function withKnownError(url: string, origin: string): string {
  const parsed = new URL(url, origin);
  const error = parsed.searchParams.get("error");
  if (error === null || KNOWN_ERRORS.has(error)) return url;
  parsed.searchParams.set("error", "Unavailable");
  return parsed.href;
}

/**
 * next-auth writes a thrown error's message into its redirect: whatever the message, only a
 * known code ever reaches the client, in the Location header or the JSON `url`.
 */
async function withoutInternalMessages(res: Response, origin: string): Promise<Response> {
  const location = res.headers.get("location");
  const json = !location && res.headers.get("content-type")?.startsWith("application/json");
  const body = json ? ((await res.clone().json()) as Record<string, unknown>) : null;
  const url = location ?? (typeof body?.url === "string" ? body.url : null);
  if (url === null || withKnownError(url, origin) === url) return res;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  if (location) {
    headers.set("location", withKnownError(location, origin));
    return new Response(res.body, { status: res.status, headers });
  }
  return Response.json({ ...body, url: withKnownError(url, origin) }, { status: res.status, headers });
}

function refusalResponse(refusal: SigninRefusal, origin: string): Response {
  const url = new URL("/login", origin);
  url.searchParams.set("error", refusal.code);
  // next-auth's client reads `url` to learn the error; the contract's error shape stays intact.
  const answer = (error: ReturnType<typeof apiError>, headers?: Record<string, string>) =>
    Response.json({ ...errorBody(error), url: url.href }, { status: error.status, headers });
  switch (refusal.status) {
    case 400:
      return answer(apiError(400, `Sign-in refused: ${refusal.message}`));
    case 429:
      url.searchParams.set("retry_after", String(refusal.retryAfter));
      return answer(apiError(429, `Too many failed sign-ins from your address; try again in ${refusal.retryAfter} s`), {
        "Retry-After": String(refusal.retryAfter),
      });
    case 503:
      return answer(apiError(503, "Sign-in is unavailable right now; try again shortly"));
  }
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return withoutInternalMessages(await nextAuth(req, ctx), publicOrigin());
}

/**
 * Every POST runs with a place for the credential check to record a refusal: bad input (400),
 * too many attempts (429 with Retry-After) or the database away (503) then answer with their
 * own status, whether the request came as a form or as JSON.
 */
export async function POST(req: NextRequest, ctx: Ctx) {
  // An SSO-only deployment has no credentials provider: say so in the contract's error shape.
  if (req.nextUrl.pathname.endsWith("/credentials") && !passwordSignInEnabled()) {
    return errorResponse(apiError(403, "Password sign-in is switched off here: sign in with single sign-on"));
  }
  const origin = publicOrigin();
  try {
    const body = await readLimitedText(req, MAX_SIGNIN_BODY_BYTES);
    const bounded = new NextRequest(req.url, { method: req.method, headers: req.headers, body });
    const { result, refusal } = await runSignin(() => nextAuth(bounded, ctx) as Promise<Response>);
    if (refusal) return refusalResponse(refusal, origin);
    return await withoutInternalMessages(result, origin);
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    // next-auth parses the body itself and throws on malformed JSON: that is the client's fault.
    if (error instanceof SyntaxError) return errorResponse(apiError(400, "Request body is not valid JSON"));
    log.error("sign-in request failed", { error: String(error).slice(0, 500) });
    return errorResponse(apiError(503, "Sign-in is unavailable right now; try again shortly"));
  }
}
