type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's address as the nearest proxy saw it. `next start` fills X-Forwarded-For itself;
 * behind a load balancer the first hop is the client. Used for audit and sign-in limits.
 */
export function clientIp(headers: HeaderSource): string {
  const forwarded = header(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || header(headers, "x-real-ip") || "unknown";
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}
