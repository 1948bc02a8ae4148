import { describe, expect, inject, it } from "vitest";
import { auditEntries, DEMO_KEY, keySession, Session, signedIn } from "../support/http";

/**
 * Attacks from the security review, sent to the shared servers. These trust the loopback as a
 * reverse proxy (see global-setup), so a test can speak for clients at many addresses through
 * X-Forwarded-For; what an untrusted peer gets is in security-untrusted.test.ts.
 */
const servers = inject("servers");

/** What next-auth answers a JSON-mode sign-in with: where the browser would be sent. */
async function answerUrl(res: Response): Promise<string> {
  return ((await res.clone().json()) as { url?: string }).url ?? "";
}

const INTERNALS = /select|insert|inet|syntax|violat|wrong password|unknown account|disabled|failed query|drizzle|postgres/i;

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

describe.each(servers)("forwarded addresses from a trusted proxy on $engine", ({ baseUrl }) => {
  it("stores odd forwarded addresses in the column's form, audits the attempt, and leaks nothing into the redirect", async () => {
    const zoned = `ghost-${unique()}@example.com`;
    const res = await new Session(baseUrl).signIn(zoned, "whatever", "fe80::8%eth0");
    expect(res.status).toBe(401);
    const url = await answerUrl(res);
    expect(decodeURIComponent(url)).not.toMatch(INTERNALS);
    expect(new URL(url).searchParams.get("error")).toBe("CredentialsSignin");

    const padded = `ghost-${unique()}@example.com`;
    expect((await new Session(baseUrl).signIn(padded, "whatever", "2001:0DB8:0000::0001")).status).toBe(401);
    const mapped = `ghost-${unique()}@example.com`;
    expect((await new Session(baseUrl).signIn(mapped, "whatever", "::ffff:198.51.100.23")).status).toBe(401);

    const ipOf = async (target: string) => (await auditEntries(baseUrl, `action=auth.signin&target=${encodeURIComponent(target)}`))[0]?.ip;
    expect(await ipOf(zoned)).toBe("fe80::8");
    expect(await ipOf(padded)).toBe("2001:db8::1");
    expect(await ipOf(mapped)).toBe("198.51.100.23");
    const admin = await signedIn(baseUrl, "admin@example.com");
    expect(await (await admin.get("/api/v1/audit/verify")).json()).toMatchObject({ ok: true, first_bad_seq: null });
  });

  it("overwrites a peer address the client sends itself", async () => {
    const target = `ghost-${unique()}@example.com`;
    await new Session(baseUrl).signIn(target, "whatever", undefined);
    const forged = await new Session(baseUrl).request("GET", "/api/auth/csrf", undefined, { "x-plumbline-peer": "10.9.8.7" });
    const { csrfToken } = (await forged.json()) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken, email: target, password: "x", json: "true" }).toString();
    await new Session(baseUrl).request("POST", "/api/auth/callback/credentials", body, {
      "content-type": "application/x-www-form-urlencoded",
      "x-plumbline-peer": "10.9.8.7",
      cookie: forged.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
    });
    const entries = await auditEntries(baseUrl, `action=auth.signin&target=${encodeURIComponent(target)}`);
    expect(entries.length).toBe(2);
    expect(entries.map((e) => e.ip)).toEqual(["127.0.0.1", "127.0.0.1"]);
  });
});

describe.each(servers)("account creation on $engine", ({ baseUrl }) => {
  it("answers 409 to an existing email in any casing and changes nothing: no password reset, no role change", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const before = await auditEntries(baseUrl, "action=user.");
    const res = await admin.request("POST", "/api/v1/users", { email: "Viewer@EXAMPLE.com", name: "Taken Over", roles: ["admin", "compliance"] });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; details?: { path: string }[] }; one_time_password?: string };
    expect(body.error.code).toBe("conflict");
    expect(body.error.details?.[0]?.path).toBe("email");
    expect(body.one_time_password).toBeUndefined();

    const { users } = (await (await admin.get("/api/v1/users")).json()) as { users: { email: string; name: string; roles: string[] }[] };
    expect(users.find((u) => u.email === "viewer@example.com")).toMatchObject({ name: "Vic Viewer", roles: ["viewer"] });
    expect((await new Session(baseUrl).signIn("viewer@example.com")).status).toBe(200);
    expect((await auditEntries(baseUrl, "action=user."))[0]?.seq).toBe(before[0]?.seq);

    const fresh = await admin.request("POST", "/api/v1/users", { email: `New-${unique()}@Example.com`, name: "New Person", roles: ["viewer"] });
    expect(fresh.status).toBe(201);
    expect(((await fresh.json()) as { one_time_password: string }).one_time_password).toMatch(/.{12,}/);
  });
});

describe.each(servers)("sign-in limits on $engine", ({ baseUrl }) => {
  it("limits JSON sign-ins exactly like form sign-ins: after 5 failures the right password gets 429", async () => {
    const address = "203.0.113.60";
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await new Session(baseUrl).signInJson("lead2@example.com", `wrong-${i}`, { "x-forwarded-for": address })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const attacker = new Session(baseUrl);
    const blocked = await attacker.signInJson("lead2@example.com", "plumbline-demo", { "x-forwarded-for": address });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    expect(attacker.hasSessionCookie()).toBe(false);
    // Mixed encodings count together.
    expect((await new Session(baseUrl).signIn("lead2@example.com", "plumbline-demo", address)).status).toBe(429);
    expect((await new Session(baseUrl).signInJson("lead2@example.com", "plumbline-demo", { "x-forwarded-for": "192.0.2.61" })).status).toBe(200);
  });

  it("refuses emails over 320 characters or not valid Unicode with 400, before anything is stored", async () => {
    const before = (await auditEntries(baseUrl, "action=auth.signin"))[0].seq;
    const long = `${"x".repeat(5000)}-${unique()}@example.com`;
    for (const res of [
      await new Session(baseUrl).signIn(long, "whatever", "203.0.113.62"),
      await new Session(baseUrl).signInJson(long, "whatever", { "x-forwarded-for": "203.0.113.62" }),
      await new Session(baseUrl).signInJson(`${"y".repeat(309)}@example.com`, "whatever", { "x-forwarded-for": "203.0.113.62" }),
      // JSON.stringify writes a lone surrogate as the escape \ud800, which the server decodes back to one.
      await new Session(baseUrl).signInJson("\ud800@example.com", "whatever", { "x-forwarded-for": "203.0.113.62" }),
      await new Session(baseUrl).signInJson(["viewer@example.com"], "plumbline-demo", { "x-forwarded-for": "203.0.113.62" }),
    ]) {
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    }
    // Reading the trail signs the admin in, which is audited too: nothing else may have been written.
    const after = (await auditEntries(baseUrl, "action=auth.signin")).filter((e) => e.seq > before && e.target !== "admin@example.com");
    expect(after).toEqual([]);
  });

  it("limits failures from one address across accounts", async () => {
    const address = "203.0.113.63";
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) statuses.add((await new Session(baseUrl).signIn(`ghost-${i}-${unique()}@example.com`, "guess", address)).status);
    expect([...statuses]).toEqual([401]);
    const blocked = await new Session(baseUrl).signIn("compliance@example.com", "plumbline-demo", address);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await new Session(baseUrl).signIn("compliance@example.com", "plumbline-demo", "192.0.2.63")).status).toBe(200);
  });
});

describe.each(servers)("redirects after sign-in on $engine", ({ baseUrl }) => {
  it.each(["/\\evil.example", "/%5Cevil.example", "/\t/evil.example", "/%09/evil.example", "//evil.example", "https://evil.example/", "/\\/evil.example"])(
    "keeps callbackUrl %j on this origin",
    async (callbackUrl) => {
      const session = new Session(baseUrl);
      const csrf = await session.get("/api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const form = new URLSearchParams({ csrfToken, email: "viewer@example.com", password: "plumbline-demo", callbackUrl, json: "true" }).toString();
      const res = await session.request("POST", "/api/auth/callback/credentials", form, {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": "192.0.2.64",
      });
      expect(res.status).toBe(200);
      const target = new URL(await answerUrl(res), baseUrl);
      expect(target.origin).toBe(baseUrl);
      expect(target.pathname.startsWith("//")).toBe(false);
    },
  );
});

describe.each(servers)("heavy or deep input on $engine", ({ baseUrl }) => {
  it("refuses an OTLP export that converts to more than 10,000 points with 413, storing none", async () => {
    const metric = `otel_flood_${unique().replace(/-/g, "_")}`;
    const now = BigInt(Date.now()) * 1_000_000n;
    // Each histogram point becomes 7 points (count, sum, min, max, p50, p95, p99): 1,429 × 7 = 10,003.
    const dataPoints = Array.from({ length: 1429 }, (_, i) => ({
      timeUnixNano: String(now - BigInt(i) * 1_000_000n),
      count: "4",
      sum: 10,
      min: 1,
      max: 4,
      bucketCounts: ["1", "1", "2"],
      explicitBounds: [1, 2],
      attributes: [],
    }));
    const exportBody = {
      resourceMetrics: [
        {
          resource: {
            attributes: [
              { key: "ml.model.name", value: { stringValue: "fraud-detector" } },
              { key: "ml.model.version", value: { stringValue: "v3" } },
            ],
          },
          scopeMetrics: [{ metrics: [{ name: metric, histogram: { aggregationTemporality: 2, dataPoints } }] }],
        },
      ],
    };
    const machine = keySession(baseUrl, DEMO_KEY);
    const res = await machine.request("POST", "/api/v1/otlp/v1/metrics", exportBody);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    const stored = await machine.get(`/api/v1/models/fraud-detector/metrics?metric=${metric}.count&version=v3`);
    expect(((await stored.json()) as { series: unknown[] }).series.flatMap((s) => (s as { points: unknown[] }).points)).toEqual([]);

    // One point fewer than the cap's worth is accepted whole.
    const fits = {
      resourceMetrics: [
        {
          ...exportBody.resourceMetrics[0],
          scopeMetrics: [{ metrics: [{ name: metric, histogram: { aggregationTemporality: 2, dataPoints: dataPoints.slice(0, 1428) } }] }],
        },
      ],
    };
    expect((await machine.request("POST", "/api/v1/otlp/v1/metrics", fits)).status).toBe(200);
  });

  it("answers 422 for a NUL 3,000 and 100,000 levels deep, and the server carries on", async () => {
    const lead = await signedIn(baseUrl, "lead@example.com");
    for (const depth of [3_000, 100_000]) {
      const body = `{"name":"deep","description":${"[".repeat(depth)}"a\\u0000b"${"]".repeat(depth)}}`;
      const res = await lead.request("POST", "/api/v1/models", body);
      expect([400, 422]).toContain(res.status);
      const error = ((await res.json()) as { error: { code: string; details?: { path: string }[] } }).error;
      if (res.status === 422) expect(error.details?.[0]?.path).toMatch(/^description(\[0\])+$/);
    }
    const shallow = await lead.request("POST", "/api/v1/models", `{"name":"deep-${unique()}","description":[["a\\u0000b"]]}`);
    expect(shallow.status).toBe(422);
    expect(((await shallow.json()) as { error: { details: { path: string }[] } }).error.details[0].path).toBe("description[0][0]");
    expect((await lead.get("/api/v1/me")).status).toBe(200);
  });
});
