/**
 * Whether an error means the database cannot be reached right now (refused or cut connections,
 * a server shutting down or not accepting connections), as opposed to a fault in the request or
 * in our code: those requests are answered 503 and may be retried. Drivers and drizzle wrap
 * errors, so the whole cause chain is read.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === "string" ? e.code : "";
    // Class 08: connection exceptions; 57P0x: shutdown, crash, cannot connect now; 55000 covers
    // "database is not currently accepting connections"; 53300: too many connections.
    if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === "55000" || code === "53300") return true;
    if (["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN"].includes(code)) return true;
    if (typeof e.message === "string" && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message)) return true;
  }
  return false;
}
