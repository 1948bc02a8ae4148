import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "./address";
import { renderBody, retryDelayMs, signatureHeaders } from "./signing";

describe("signatureHeaders", () => {
  it("is the hex HMAC-SHA256 of '<timestamp>.<body>' with the secret, as a receiver recomputes it", () => {
    const body = '{"event":"incident.opened"}';
    const headers = signatureHeaders("s3cret-s3cret-s3cret", 1764072000, body);
    const expected = createHmac("sha256", "s3cret-s3cret-s3cret").update(`1764072000.${body}`).digest("hex");
    expect(headers).toEqual({ "X-Plumbline-Timestamp": "1764072000", "X-Plumbline-Signature": `sha256=${expected}` });
    // A known vector, so that the format cannot drift silently.
    expect(signatureHeaders("key", 1, "{}")["X-Plumbline-Signature"]).toBe(`sha256=${createHmac("sha256", "key").update("1.{}").digest("hex")}`);
  });
});

describe("renderBody", () => {
  const at = new Date("2026-11-25T12:00:00Z");
  it("json: {event, at, data}", () => {
    expect(JSON.parse(renderBody("json", "incident.opened", at, { id: "x" }))).toEqual({
      event: "incident.opened",
      at: "2026-11-25T12:00:00.000Z",
      data: { id: "x" },
    });
  });
  it("slack: text plus blocks", () => {
    const body = JSON.parse(renderBody("slack", "incident.opened", at, { severity: "critical", summary: "p95 high" }));
    expect(body.text).toBe("[critical] Incident opened: p95 high");
    expect(body.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: body.text } });
  });
});

describe("retryDelayMs", () => {
  it.each([
    [1, 0, 15_000],
    [1, 1, 30_000],
    [2, 1, 60_000],
    [3, 0.5, 90_000],
    [20, 1, 3_600_000],
    [20, 0, 1_800_000],
  ])("attempt %i with random %f waits %i ms (base 30 s)", (attempt, random, ms) => {
    expect(retryDelayMs(attempt, 30_000, random)).toBe(ms);
  });
});

describe("isPrivateAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["10.1.2.3", true],
    ["172.31.255.255", true],
    ["172.32.0.1", false],
    ["192.168.0.10", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["::1", true],
    ["::", true],
    ["::ffff:127.0.0.1", true],
    ["fd00::1", true],
    ["fe80::1", true],
    ["8.8.8.8", false],
    ["2606:4700::1111", false],
    ["not-an-ip", true],
  ])("%s → %s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
