import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/db";
import { apiError } from "./errors";

import type { Principal } from "@/lib/auth/principal";

const WINDOW_SECONDS = 60;
export const DEFAULT_KEY_REQUESTS_PER_MINUTE = 1200;
export const DEFAULT_USER_REQUESTS_PER_MINUTE = 600;

function limitPerMinute(variable: string, fallback: number): number {
  const configured = Number(process.env[variable]);
  return Number.isInteger(configured) && configured > 0 ? configured : fallback;
}

/**
 * Counts a request against its caller's fixed one-minute window (an API key's, or a person's
 * across all their sessions), in the database so that every replica counts the same requests;
 * past the limit it answers 429 with Retry-After.
 */
export async function enforceRateLimit(db: Db, principal: Principal, now = new Date()): Promise<void> {
  const [bucket, limit, who] =
    principal.kind === "key"
      ? [`key:${principal.id}`, limitPerMinute("PLUMBLINE_KEY_RATE_LIMIT", DEFAULT_KEY_REQUESTS_PER_MINUTE), "This API key is"]
      : [`user:${principal.id}`, limitPerMinute("PLUMBLINE_USER_RATE_LIMIT", DEFAULT_USER_REQUESTS_PER_MINUTE), "You are"];
  const windowStart = new Date(Math.floor(now.getTime() / (WINDOW_SECONDS * 1000)) * WINDOW_SECONDS * 1000);
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`insert into rate_limit_windows (bucket, window_start, count) values (${bucket}, ${windowStart.toISOString()}::timestamptz, 1)
        on conflict (bucket, window_start) do update set count = rate_limit_windows.count + 1
        returning count`,
  );
  if (Number(row.count) > limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
    throw apiError(429, `${who} limited to ${limit} requests a minute; retry in ${retryAfter} s`, undefined, { "Retry-After": String(retryAfter) });
  }
}
