import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwardedOrigin, normaliseAddress, parseTrustedProxies, resolveClientAddress } from "./client-address";

describe("normaliseAddress", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:7f00:1", "127.0.0.1"],
    ["2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["fe80::8%eth0", "fe80::8"],
    ["fe80::8%25eth0", "fe80::8"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[::1]", "::1"],
    ["198.51.100.7:5060", "198.51.100.7"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["::", "::"],
    ["::1.2.3.4", "::1.2.3.4"],
  ])("%s → %s", (input, expected) => {
    expect(normaliseAddress(input)).toBe(expected);
  });

  it.each(["unknown", "", "1.2.3", "01.2.3.4", "256.1.1.1", "2001:db8::1::2", "evil.example", "1.2.3.4/24", "[1.2.3.4]x"])("refuses %j", (input) => {
    expect(normaliseAddress(input)).toBeNull();
  });
});

describe("normaliseAddress against PostgreSQL's inet", () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = new PGlite();
    await pg.waitReady;
  }, 180_000);
  afterAll(async () => pg.close());

  const group = fc.oneof(fc.constant(0), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff }));
  const v6 = fc.array(group, { minLength: 8, maxLength: 8 }).map((words) => words.map((w) => w.toString(16).toUpperCase()).join(":"));
  const v4 = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((b) => b.join("."));

  it("is text the column stores and gives back unchanged", async () => {
    const normalised = fc
      .sample(
        fc.oneof(
          v6,
          v4,
          v4.map((a) => `::ffff:${a}`),
        ),
        2000,
      )
      .map((input) => normaliseAddress(input)!);
    const { rows } = await pg.query<{ text: string }>("select host(a::inet) as text from unnest($1::text[]) with ordinality as t(a, i) order by i", [
      normalised,
    ]);
    expect(rows.map((r) => r.text)).toEqual(normalised);
  }, 60_000);
});

describe("parseTrustedProxies", () => {
  it("takes addresses and CIDR ranges of both families", () => {
    expect(parseTrustedProxies("10.0.0.0/8, 192.0.2.7 ,fd00::/8,::1")).toHaveLength(4);
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies(" ")).toEqual([]);
  });

  it.each(["10.0.0.0/33", "fd00::/129", "proxy.internal", "10.0.0.1/8/2", "10.0.0.0/x"])("refuses %j naming it", (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1,${entry}`)).toThrow(entry);
  });
});

describe("resolveClientAddress", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8,2001:db8:ffff::/48");

  it("uses the socket's peer and ignores forwarded headers when no proxy is trusted", () => {
    expect(resolveClientAddress({ peer: "198.51.100.7", forwardedFor: "203.0.113.50", realIp: "203.0.113.51" }, [])).toBe("198.51.100.7");
    expect(resolveClientAddress({ peer: "::ffff:198.51.100.7", forwardedFor: "203.0.113.50" }, [])).toBe("198.51.100.7");
  });

  it("ignores forwarded headers from an untrusted peer", () => {
    expect(resolveClientAddress({ peer: "198.51.100.7", forwardedFor: "10.1.1.1, 203.0.113.50" }, trusted)).toBe("198.51.100.7");
  });

  it("walks the chain right to left past trusted hops from a trusted peer", () => {
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "203.0.113.50" }, trusted)).toBe("203.0.113.50");
    // A client that forges a leading entry does not move the answer: the proxies append on the right.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "192.0.2.99, 203.0.113.50, 10.9.9.9" }, trusted)).toBe("203.0.113.50");
    expect(resolveClientAddress({ peer: "::ffff:10.0.0.2", forwardedFor: "2001:0db8:ffff::3, 2001:DB8::77" }, trusted)).toBe("2001:db8::77");
  });

  it("stops at the last readable hop when an entry is not an address", () => {
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "203.0.113.50, garbage, 10.0.0.3" }, trusted)).toBe("10.0.0.3");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "fe80::8%eth0" }, trusted)).toBe("fe80::8");
  });

  it("takes the leftmost entry when every hop is trusted, and X-Real-IP from a proxy that sets only that", () => {
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "10.0.0.9, 10.0.0.2" }, trusted)).toBe("10.0.0.9");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "10.0.0.2", realIp: "203.0.113.8" }, trusted)).toBe("203.0.113.8");
    expect(resolveClientAddress({ peer: "10.0.0.2", realIp: "not an address" }, trusted)).toBe("10.0.0.2");
  });

  it("has no address without a peer", () => {
    expect(resolveClientAddress({ peer: undefined, forwardedFor: "203.0.113.50" }, trusted)).toBeNull();
  });
});

describe("forwardedOrigin", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8");

  it("believes a trusted proxy's forwarded host and scheme, the last ones written", () => {
    expect(forwardedOrigin({ peer: "10.0.0.2", forwardedHost: "plumbline.example", forwardedProto: "https" }, trusted)).toBe("https://plumbline.example");
    expect(forwardedOrigin({ peer: "10.0.0.2", forwardedHost: "evil.example, plumbline.example:8443", forwardedProto: "http, https" }, trusted)).toBe(
      "https://plumbline.example:8443",
    );
  });

  it("believes nothing from anyone else, nor values that are not a host", () => {
    expect(forwardedOrigin({ peer: "198.51.100.7", forwardedHost: "plumbline.example", forwardedProto: "https" }, trusted)).toBeNull();
    expect(forwardedOrigin({ peer: "10.0.0.2", forwardedHost: "evil.example/path", forwardedProto: "https" }, trusted)).toBeNull();
    expect(forwardedOrigin({ peer: "10.0.0.2", forwardedHost: "plumbline.example", forwardedProto: "javascript" }, trusted)).toBeNull();
  });
});
