import "server-only";
import { forwardedOrigin, parseTrustedProxies, PEER_HEADER, resolveClientAddress, type ForwardedRequest, type TrustedProxies } from "./client-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

const parsed = new Map<string, TrustedProxies>();

/** PLUMBLINE_TRUSTED_PROXIES, parsed once (and again only if the variable changes). */
export function trustedProxies(): TrustedProxies {
  const spec = process.env.PLUMBLINE_TRUSTED_PROXIES ?? "";
  if (!parsed.has(spec)) parsed.set(spec, parseTrustedProxies(spec));
  return parsed.get(spec)!;
}

function forwardedRequest(headers: HeaderSource): ForwardedRequest {
  return {
    peer: header(headers, PEER_HEADER),
    forwardedFor: header(headers, "x-forwarded-for"),
    realIp: header(headers, "x-real-ip"),
    forwardedHost: header(headers, "x-forwarded-host"),
    forwardedProto: header(headers, "x-forwarded-proto"),
  };
}

/** The caller's address for audit and sign-in limits: the socket's peer unless that is a trusted proxy. */
export function clientIp(headers: HeaderSource): string | null {
  return resolveClientAddress(forwardedRequest(headers), trustedProxies());
}

/** The public origin a trusted proxy forwarded the request for, or null. */
export function trustedForwardedOrigin(headers: HeaderSource): string | null {
  return forwardedOrigin(forwardedRequest(headers), trustedProxies());
}

/** The app's public origin: NEXTAUTH_URL (which `npm start` always sets), never a Host header a client wrote. */
export function publicOrigin(): string {
  return new URL(process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).origin;
}
