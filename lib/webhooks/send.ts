import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPrivateAddress, privateTargetsAllowed } from "./address";

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

const TIMEOUT_MS = 10_000;

export class BlockedAddress extends Error {}

/**
 * The address check happens inside the connection's own DNS lookup, so the address checked is
 * the address connected to: a name that resolved to a public address when the webhook was
 * created and to 127.0.0.1 now (DNS rebinding) is refused here.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const allowed = privateTargetsAllowed() ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
    if (allowed.length === 0) return callback(new BlockedAddress(`${hostname} resolves to a private or loopback address`), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    callback(null, allowed[0].address, allowed[0].family);
  });
};

/** Refuses a URL whose host is, or resolves to, an address the server must not reach. */
export async function checkTarget(url: URL): Promise<string | null> {
  if (privateTargetsAllowed()) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isPrivateAddress(host) ? `${host} is a private or loopback address` : null;
  const addresses = await new Promise<LookupAddress[] | null>((resolve) => dnsLookup(host, { all: true }, (error, found) => resolve(error ? null : found)));
  if (!addresses) return `${host} does not resolve`;
  return addresses.some((a) => isPrivateAddress(a.address)) ? `${host} resolves to a private or loopback address` : null;
}

/** One POST of a signed body. Never throws: every outcome is a result to log. */
export async function sendWebhook(rawUrl: string, body: string, headers: Record<string, string>): Promise<SendResult> {
  const started = performance.now();
  const done = (partial: Omit<SendResult, "durationMs">): SendResult => ({ ...partial, durationMs: Math.round(performance.now() - started) });
  const url = new URL(rawUrl);
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal) && !privateTargetsAllowed() && isPrivateAddress(literal)) {
    return done({ ok: false, statusCode: null, error: `refused: ${literal} is a private or loopback address` });
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup,
        timeout: TIMEOUT_MS,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Plumbline-Webhooks/1", ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          const statusCode = res.statusCode ?? 0;
          const ok = statusCode >= 200 && statusCode < 300;
          resolve(done({ ok, statusCode, error: ok ? null : `HTTP ${statusCode}` }));
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", (error) => {
      const refused = error instanceof BlockedAddress;
      resolve(done({ ok: false, statusCode: null, error: `${refused ? "refused: " : ""}${error.message}`.slice(0, 500) }));
    });
    req.end(body);
  });
}
