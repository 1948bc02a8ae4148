import { isIPv4, isIPv6 } from "node:net";

/**
 * Who is really calling. Forwarded headers are written by whoever sent the request, so they are
 * believed only when the socket's peer is a configured proxy: the forwarded chain is then walked
 * from the nearest hop outwards, and the first address that is not one of our proxies is the
 * client. Addresses come out in the canonical text PostgreSQL's `inet` stores and prints.
 */

/** Set by the server on every request to its socket's peer address; a client's own value is overwritten. */
export const PEER_HEADER = "x-plumbline-peer";

interface Network {
  bytes: Uint8Array;
  prefix: number;
}

export type TrustedProxies = readonly Network[];

export interface ForwardedRequest {
  /** The socket's peer address, as the server stamped it. */
  peer: string | null | undefined;
  forwardedFor?: string | null;
  realIp?: string | null;
  forwardedHost?: string | null;
  forwardedProto?: string | null;
}

/** The 4 or 16 bytes of an address, or null when it is not one. Zone ids (`%eth0`) are dropped. */
function addressBytes(text: string): Uint8Array | null {
  if (isIPv4(text)) return Uint8Array.from(text.split(".").map(Number));
  const address = text.replace(/%[^%]*$/, "");
  if (!isIPv6(address)) return null;
  const bytes = new Uint8Array(16);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  const hex = dotted ? address.slice(0, -dotted[1].length) + "0:0" : address;
  const [head, tail] = hex.includes("::") ? hex.split("::") : [hex, null];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[2 * i] = value >> 8;
    bytes[2 * i + 1] = value & 0xff;
  });
  if (dotted) bytes.set(dotted[1].split(".").map(Number), 12);
  return bytes;
}

const isMappedV4 = (b: Uint8Array) => b.length === 16 && b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;

/** IPv6 text as PostgreSQL prints it: lowercase, the longest run of two or more zero groups as `::`. */
function formatV6(bytes: Uint8Array): string {
  const words = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.length < 2) best = { start: -1, length: 0 };
  // An IPv4-compatible address (six zero words, then a non-zero one) keeps its dotted tail.
  if (best.start === 0 && best.length === 6) return `::${bytes.subarray(12).join(".")}`;
  const hex = words.map((w) => w.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

function formatBytes(bytes: Uint8Array): string {
  return bytes.length === 4 ? bytes.join(".") : formatV6(bytes);
}

/** Strips `[…]`, a `:port` and whitespace from one forwarded entry. */
function bareAddress(entry: string): string {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1];
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(text);
  return v4WithPort ? v4WithPort[1] : text;
}

function canonicalBytes(text: string): Uint8Array | null {
  const bytes = addressBytes(bareAddress(text));
  return bytes && isMappedV4(bytes) ? bytes.slice(12) : bytes;
}

/**
 * The address in the form the `inet` column takes and gives back, or null when the text is not
 * an address: IPv4-mapped IPv6 becomes IPv4, zone ids are dropped, IPv6 is compressed lowercase.
 */
export function normaliseAddress(text: string): string | null {
  const bytes = canonicalBytes(text);
  return bytes ? formatBytes(bytes) : null;
}

/** Parses `PLUMBLINE_TRUSTED_PROXIES`: comma-separated addresses or CIDR ranges, IPv4 or IPv6. */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  if (!spec?.trim()) return [];
  return spec
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [address, prefixText, extra] = entry.split("/");
      const bytes = extra === undefined ? canonicalBytes(address) : null;
      const prefix = prefixText === undefined ? (bytes?.length ?? 0) * 8 : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
      if (!bytes || !(prefix >= 0 && prefix <= bytes.length * 8)) {
        throw new Error(`PLUMBLINE_TRUSTED_PROXIES: "${entry}" is not an IPv4 or IPv6 address or CIDR range`);
      }
      return { bytes, prefix };
    });
}

function inNetwork(bytes: Uint8Array, network: Network): boolean {
  if (bytes.length !== network.bytes.length) return false;
  const whole = network.prefix >> 3;
  for (let i = 0; i < whole; i++) if (bytes[i] !== network.bytes[i]) return false;
  const rest = network.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (bytes[whole] & mask) === (network.bytes[whole] & mask);
}

export function isTrusted(address: string, trusted: TrustedProxies): boolean {
  const bytes = canonicalBytes(address);
  return bytes !== null && trusted.some((network) => inNetwork(bytes, network));
}

/** Comma-separated header values, nearest hop last. */
function hops(header: string | null | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy. Then the
 * X-Forwarded-For chain is walked right to left past trusted hops; the first other address is
 * the client. An entry that is not an address ends the walk at the last hop we could read.
 * When every hop is trusted (a proxy that only sets X-Real-IP), X-Real-IP names the client.
 */
export function resolveClientAddress(request: ForwardedRequest, trusted: TrustedProxies): string | null {
  const peer = request.peer ? normaliseAddress(request.peer) : null;
  if (!peer || !isTrusted(peer, trusted)) return peer;
  let client = peer;
  for (const hop of hops(request.forwardedFor).reverse()) {
    const address = normaliseAddress(hop);
    if (!address) return client;
    client = address;
    if (!isTrusted(address, trusted)) return address;
  }
  const realIp = request.realIp ? normaliseAddress(request.realIp) : null;
  return realIp ?? client;
}

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The public origin a trusted proxy says the request was sent to (its X-Forwarded-Host and
 * -Proto, the values it wrote itself being the last ones), or null when the peer is not a
 * trusted proxy or the values are not a host and a scheme.
 */
export function forwardedOrigin(request: ForwardedRequest, trusted: TrustedProxies): string | null {
  const peer = request.peer ? normaliseAddress(request.peer) : null;
  if (!peer || !isTrusted(peer, trusted)) return null;
  const host = hops(request.forwardedHost).pop();
  const proto = hops(request.forwardedProto).pop()?.toLowerCase() ?? "http";
  if (!host || !HOST.test(host) || (proto !== "http" && proto !== "https")) return null;
  return new URL(`${proto}://${host}`).origin;
}
