import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/db";
import { apiError } from "./errors";

const WINDOW_SECONDS = 60;
export const DEFAULT_KEY_REQUESTS_PER_MINUTE = 1200;

function limitPerMinute(): number {
  const configured = Number(process.env.PLUMBLINE_KEY_RATE_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_KEY_REQUESTS_PER_MINUTE;
}

/**
 * Counts a request against its API key's fixed one-minute window, in the database so that every
 * replica counts the same requests; past the limit it answers 429 with Retry-After.
 */
export async function enforceKeyRateLimit(db: Db, keyId: string, now = new Date()): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / (WINDOW_SECONDS * 1000)) * WINDOW_SECONDS * 1000);
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`insert into rate_limit_windows (bucket, window_start, count) values (${`key:${keyId}`}, ${windowStart.toISOString()}::timestamptz, 1)
        on conflict (bucket, window_start) do update set count = rate_limit_windows.count + 1
        returning count`,
  );
  const limit = limitPerMinute();
  if (Number(row.count) > limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
    throw apiError(429, `This API key is limited to ${limit} requests a minute; retry in ${retryAfter} s`, undefined, { "Retry-After": String(retryAfter) });
  }
}
