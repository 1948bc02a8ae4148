import { describe, expect, inject, it } from "vitest";
import { keySession, signedIn } from "../support/http";
import { KEY_RATE_LIMIT } from "./global-setup";

describe.each(inject("servers"))("per-key rate limit on $engine", ({ baseUrl }) => {
  it("answers 429 with Retry-After once a key passes its requests a minute, and other keys carry on", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const keys = [];
    for (const name of ["busy", "quiet"]) {
      const res = await admin.request("POST", "/api/v1/keys", { name: `rate ${name} ${Date.now()}`, scopes: ["read"] });
      keys.push(((await res.json()) as { key: string }).key);
    }
    const busy = keySession(baseUrl, keys[0]);
    const statuses: number[] = [];
    // The window is one minute; if this burst straddles a boundary the count restarts, so send it twice.
    for (let sent = 0; sent < KEY_RATE_LIMIT * 2 + 20 && !statuses.includes(429); sent += 50) {
      statuses.push(...(await Promise.all(Array.from({ length: 50 }, () => busy.get("/api/v1/me").then((r) => r.status)))));
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(KEY_RATE_LIMIT);
    const limited = await busy.get("/api/v1/me");
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect((await keySession(baseUrl, keys[1]).get("/api/v1/me")).status).toBe(200);
  });
});
