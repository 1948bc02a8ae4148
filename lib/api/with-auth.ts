import "server-only";
import type { NextRequest } from "next/server";
import { appendAudit } from "@/lib/audit/append";
import { authenticateKey } from "@/lib/auth/queries";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { callerOf, type Caller } from "@/lib/auth/caller";
import { principalCan, type Principal } from "@/lib/auth/principal";
import { sessionUser } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import { recordRequest, routeTemplateOf } from "@/lib/observability/metrics";
import { clientIp, publicOrigin, trustedForwardedOrigin } from "./client-ip";
import { enforceRateLimit } from "./rate-limit";
import { apiError, errorResponse, toApiError } from "./errors";

export interface HandlerContext<Params> {
  req: NextRequest;
  params: Params;
  principal: Principal;
  /** Who is acting, for commands and the audit trail. */
  by: Caller;
  db: Db;
}

type Handler<Params> = (ctx: HandlerContext<Params>) => Promise<Response> | Response;
type RouteContext<Params> = { params: Promise<Params> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one door into every API route: times and counts the request, resolves the caller (API key
 * or session), checks the permission (deny by default), audits refusals, and turns every error
 * into the contract's error shape, never a stack trace.
 */
export function withAuth<Params = Record<string, never>>(permission: Permission, handler: Handler<Params>, template?: string) {
  return async (req: NextRequest, route: RouteContext<Params>): Promise<Response> => {
    const started = performance.now();
    let response: Response;
    try {
      response = await authorizeAndRun(req, route, permission, handler);
    } catch (error) {
      response = toResponse(error, req);
    }
    const label = template ?? routeTemplateOf(req.nextUrl.pathname, ((await Promise.resolve(route?.params).catch(() => null)) ?? {}) as Record<string, string>);
    recordRequest(label, req.method, response.status, (performance.now() - started) / 1000);
    return response;
  };
}

/** A route anyone may call (the API description): timed and counted, errors in the contract's shape. */
export function withoutAuth(handler: (req: NextRequest) => Promise<Response> | Response, template: string) {
  return async (req: NextRequest): Promise<Response> => {
    const started = performance.now();
    let response: Response;
    try {
      response = await handler(req);
    } catch (error) {
      response = toResponse(error, req);
    }
    recordRequest(template, req.method, response.status, (performance.now() - started) / 1000);
    return response;
  };
}

async function authorizeAndRun<Params>(req: NextRequest, route: RouteContext<Params>, permission: Permission, handler: Handler<Params>) {
  const db = await getDb();
  const ip = clientIp(req.headers);
  const principal = await resolvePrincipal(req, db);
  await enforceRateLimit(db, principal);
  const by = callerOf(principal, ip);
  if (!principalCan(principal, permission)) {
    await deny(db, req, by, { permission, reason: `${principal.kind === "user" ? "roles" : "key scopes"} do not grant ${permission}` });
    throw apiError(403, `Not allowed: ${PERMISSIONS[permission].description} needs a ${describeGrant(permission)}`);
  }
  // A temporary password set by an administrator opens one door: choosing a password of one's own.
  if (principal.kind === "user" && principal.mustChangePassword && permission !== "account.manage") {
    await deny(db, req, by, { permission, reason: "the account must choose a new password first" });
    throw apiError(403, "Choose a new password first: PUT /api/v1/me/password");
  }
  if (principal.kind === "user" && !SAFE_METHODS.has(req.method) && !sameOrigin(req)) {
    await deny(db, req, by, { permission, reason: "cross-origin request with a session cookie" });
    throw apiError(403, "Cross-origin request refused: state changes with a session must come from this app");
  }
  const params = await route.params;
  refuseNul(params as Record<string, unknown>, req.nextUrl.searchParams);
  try {
    return await handler({ req, params, principal, by, db });
  } catch (error) {
    // Written only now, after the refused attempt's transaction has rolled back, so it stays.
    if (error instanceof DomainError && error.audit) await appendAudit(db, by, { ...error.audit, outcome: "failure" });
    throw error;
  }
}

/** PostgreSQL text cannot hold NUL; a path or query carrying one is malformed, not a server fault. */
function refuseNul(params: Record<string, unknown>, query: URLSearchParams) {
  const bad = [
    ...Object.entries(params ?? {}).filter(([, v]) => String(v).includes("\u0000")),
    ...[...query].filter(([k, v]) => k.includes("\u0000") || v.includes("\u0000")),
  ];
  if (bad.length)
    throw apiError(
      400,
      "The address must not contain the NUL character",
      bad.map(([k]) => ({ path: k, message: "contains %00" })),
    );
}

async function resolvePrincipal(req: NextRequest, db: Db): Promise<Principal> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const key = match ? await authenticateKey(db, match[1]) : null;
    if (!key) throw apiError(401, "Invalid or revoked API key");
    return key;
  }
  const user = await sessionUser();
  if (!user) throw apiError(401, "Sign in, or send an API key as Authorization: Bearer <key>");
  return user;
}

function describeGrant(permission: Permission): string {
  const rule: { roles: readonly string[]; scope?: string } = PERMISSIONS[permission];
  const parts = [];
  if (rule.roles.length) parts.push(`role of ${rule.roles.join(", ")}`);
  if (rule.scope) parts.push(`key with scope ${rule.scope}`);
  return parts.join(" or ");
}

async function deny(db: Db, req: NextRequest, by: Caller, detail: Record<string, unknown>) {
  await appendAudit(db, by, { action: "access.denied", target: `${req.method} ${req.nextUrl.pathname}`, outcome: "denied", detail });
}

/**
 * Cookies ride along on cross-site requests; the Origin header says where the request came from.
 * It must be the app's public origin (NEXTAUTH_URL), or the one a trusted proxy forwarded for:
 * never a Host or X-Forwarded-Host the client wrote itself.
 */
function sameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  return origin !== null && (origin === publicOrigin() || origin === trustedForwardedOrigin(req.headers));
}

function toResponse(error: unknown, req: NextRequest): Response {
  const known = toApiError(error);
  if (known) return errorResponse(known);
  const cause = (error as { cause?: unknown }).cause;
  log.error("unhandled error in route handler", {
    route: req.nextUrl.pathname,
    method: req.method,
    error: String(error).slice(0, 500),
    cause: cause ? String(cause) : undefined,
  });
  return errorResponse(apiError(500, "Internal error: the request was not completed"));
}
