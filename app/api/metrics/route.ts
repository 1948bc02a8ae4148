import { createHash, timingSafeEqual } from "node:crypto";
import { apiError, errorResponse } from "@/lib/api/errors";
import { renderPrometheus } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Compared as digests, so the time taken says nothing about how much of the token was right. */
function bearerMatches(authorization: string | null, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/** Prometheus scrapes this; with PLUMBLINE_METRICS_TOKEN set, only with that bearer token. */
export function GET(req: Request) {
  const token = process.env.PLUMBLINE_METRICS_TOKEN;
  if (token && !bearerMatches(req.headers.get("authorization"), token)) {
    return errorResponse(apiError(401, "Send the metrics token as Authorization: Bearer <token>", undefined, { "WWW-Authenticate": "Bearer" }));
  }
  return new Response(renderPrometheus(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } });
}
