import { describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, Session, signedIn } from "../support/http";

const servers = inject("servers");

async function auditEntries(baseUrl: string, query: string) {
  const admin = await signedIn(baseUrl, "admin@example.com");
  const res = await admin.get(`/api/v1/audit?${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: { actor: string; action: string; outcome: string; target: string; detail: Record<string, unknown> }[] }).entries;
}

async function userId(baseUrl: string, email: string): Promise<string> {
  const admin = await signedIn(baseUrl, "admin@example.com");
  const { users } = (await (await admin.get("/api/v1/users")).json()) as { users: { id: string; email: string }[] };
  return users.find((u) => u.email === email)!.id;
}

describe.each(servers)("sign-in and sessions on $engine", ({ baseUrl }) => {
  it("signs in with the right password, audits it, and refuses a wrong one without a session", async () => {
    const good = new Session(baseUrl);
    expect((await good.signIn("viewer@example.com")).status).toBe(200);
    expect(good.hasSessionCookie()).toBe(true);
    const me = await good.get("/api/v1/me");
    expect(await me.json()).toMatchObject({ kind: "user", email: "viewer@example.com", roles: ["viewer"] });

    const bad = new Session(baseUrl);
    expect((await bad.signIn("viewer@example.com", "not-the-password", "198.51.100.7")).status).toBe(401);
    expect(bad.hasSessionCookie()).toBe(false);
    expect((await bad.get("/api/v1/me")).status).toBe(401);

    const entries = await auditEntries(baseUrl, "action=auth.signin&target=viewer@example.com");
    expect(entries.some((e) => e.outcome === "success")).toBe(true);
    expect(entries.some((e) => e.outcome === "failure" && e.detail.reason === "wrong password")).toBe(true);
  });

  it("answers 429 with Retry-After after 5 failures in 15 minutes for one account from one address, and stays open from elsewhere", async () => {
    const attacker = new Session(baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attacker.signIn("oncall@example.com", `wrong-${i}`, "203.0.113.50")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const blocked = await attacker.signIn("oncall@example.com", "plumbline-demo", "203.0.113.50");
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(attacker.hasSessionCookie()).toBe(false);

    const owner = new Session(baseUrl);
    expect((await owner.signIn("oncall@example.com", "plumbline-demo", "192.0.2.10")).status).toBe(200);
  });

  it("refuses a disabled account's existing session at once, and lets it back when re-enabled", async () => {
    const oncall = await signedIn(baseUrl, "oncall@example.com");
    expect((await oncall.get("/api/v1/me")).status).toBe(200);
    const admin = await signedIn(baseUrl, "admin@example.com");
    const id = await userId(baseUrl, "oncall@example.com");
    expect((await admin.request("PATCH", `/api/v1/users/${id}`, { active: false })).status).toBe(200);
    expect((await oncall.get("/api/v1/me")).status).toBe(401);
    expect((await admin.request("PATCH", `/api/v1/users/${id}`, { active: true })).status).toBe(200);
    expect((await oncall.get("/api/v1/me")).status).toBe(200);
  });

  it("refuses a removed role at once on the same session", async () => {
    const lead2 = await signedIn(baseUrl, "lead2@example.com");
    const name = `role-check-${Date.now()}`;
    expect((await lead2.request("POST", "/api/v1/models", { name })).status).toBe(201);
    const admin = await signedIn(baseUrl, "admin@example.com");
    const id = await userId(baseUrl, "lead2@example.com");
    expect((await admin.request("PATCH", `/api/v1/users/${id}`, { roles: ["viewer"] })).status).toBe(200);
    try {
      const denied = await lead2.request("POST", "/api/v1/models", { name: `${name}-2` });
      expect(denied.status).toBe(403);
      const entries = await auditEntries(baseUrl, "action=access.denied&actor=lead2@example.com");
      expect(entries[0]).toMatchObject({ outcome: "denied", target: "POST /api/v1/models" });
    } finally {
      await admin.request("PATCH", `/api/v1/users/${id}`, { roles: ["ml_lead"] });
    }
  });

  it("keeps the last admin and refuses self-disabling", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const id = await userId(baseUrl, "admin@example.com");
    const demote = await admin.request("PATCH", `/api/v1/users/${id}`, { roles: ["viewer"] });
    expect(demote.status).toBe(409);
    expect(((await demote.json()) as { error: { details: { path: string }[] } }).error.details[0].path).toBe("roles");
    expect((await admin.request("PATCH", `/api/v1/users/${id}`, { active: false })).status).toBe(409);
    expect((await admin.get("/api/v1/me")).status).toBe(200);
  });

  it("refuses a cookie-authenticated state change from another origin", async () => {
    const lead = await signedIn(baseUrl, "lead@example.com");
    const foreign = await lead.request("POST", "/api/v1/models", { name: `csrf-${Date.now()}` }, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const missing = await lead.request("POST", "/api/v1/models", { name: `csrf-${Date.now()}` }, { origin: "" });
    expect(missing.status).toBe(403);
  });

  it("refuses a revoked key from the next request on", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const created = await admin.request("POST", "/api/v1/keys", { name: "short-lived", scopes: ["read"] });
    expect(created.status).toBe(201);
    const { id, key, prefix } = (await created.json()) as { id: string; key: string; prefix: string };
    expect(key.startsWith(prefix)).toBe(true);
    const machine = keySession(baseUrl, key);
    expect((await machine.get("/api/v1/models")).status).toBe(200);
    const listed = (await (await admin.get("/api/v1/keys")).json()) as { keys: { id: string; last_used_at: string | null }[] };
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed.keys.find((k) => k.id === id)?.last_used_at).not.toBeNull();
    expect((await admin.request("DELETE", `/api/v1/keys/${id}`)).status).toBe(200);
    expect((await machine.get("/api/v1/models")).status).toBe(401);
  });

  it("answers bad input with the contract's 4xx and names the field", async () => {
    const lead = await signedIn(baseUrl, "lead@example.com");
    const malformed = await lead.request("POST", "/api/v1/models", "{not json");
    expect(malformed.status).toBe(400);
    const wrongType = await lead.request("POST", "/api/v1/models", "name=x", { "content-type": "text/plain" });
    expect(wrongType.status).toBe(415);
    const invalid = await lead.request("POST", "/api/v1/models", { name: "Bad Name!", owner: 7 });
    expect(invalid.status).toBe(422);
    const body = (await invalid.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.map((d) => d.path).sort()).toEqual(["name", "owner"]);
    const huge = await lead.request("POST", "/api/v1/models", JSON.stringify({ name: "big", description: "x".repeat(5 * 1024 * 1024 + 10) }));
    expect(huge.status).toBe(413);
    expect((await lead.get("/api/v1/models/no-such-model")).status).toBe(404);
    expect((await new Session(baseUrl).signIn("viewer\u0000@example.com", "plumbline-demo")).status).toBe(400);
    const nul = await lead.request("POST", "/api/v1/models", JSON.stringify({ name: "nul-check", description: "a\u0000b" }));
    expect(nul.status).toBe(422);
    expect(((await nul.json()) as { error: { details: { path: string }[] } }).error.details[0].path).toBe("description");
    expect((await lead.get("/api/v1/models?x=%00")).status).toBe(400);
    expect((await lead.get("/api/v1/models/a%00b")).status).toBe(400);
    const undecodable = await lead.get("/api/v1/models/%E0%A4%A");
    expect(undecodable.status).toBe(400);
    expect(((await undecodable.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });
});

describe.each(servers)("operations and headers on $engine", ({ baseUrl }) => {
  it("serves health, readiness and Prometheus metrics", async () => {
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    expect(await (await fetch(`${baseUrl}/api/ready`)).json()).toEqual({ status: "ready" });
    await keySession(baseUrl, DEMO_KEY).get("/api/v1/models");
    const metrics = await (await fetch(`${baseUrl}/api/metrics`)).text();
    expect(metrics).toMatch(/plumbline_http_requests_total\{route="\/api\/v1\/models",method="GET",status="200"\} \d+/);
    expect(metrics).toMatch(/plumbline_http_request_duration_seconds_bucket\{route="\/api\/v1\/models",method="GET",le="\+Inf"\} \d+/);
  });

  it("sets security headers on pages and API answers, and never leaks a stack trace", async () => {
    for (const path of ["/login", "/api/v1/models"]) {
      const res = await fetch(baseUrl + path);
      expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
    const res = await fetch(`${baseUrl}/api/v1/models`, { headers: { authorization: "Bearer plb_not_a_real_key" } });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toMatch(/at .*\.js:\d+/);
  });

  it("sets the session cookie httpOnly and SameSite=Lax", async () => {
    const session = new Session(baseUrl);
    const csrf = await session.get("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await session.request(
      "POST",
      "/api/auth/callback/credentials",
      new URLSearchParams({ csrfToken, email: "viewer@example.com", password: "plumbline-demo", json: "true" }).toString(),
      { "content-type": "application/x-www-form-urlencoded" },
    );
    const cookie = res.headers.getSetCookie().find((c) => c.includes("session-token"))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("redirects a signed-out page visit to /login", async () => {
    const res = await fetch(`${baseUrl}/models`, { redirect: "manual" });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toMatch(/\/login/);
  });
});
