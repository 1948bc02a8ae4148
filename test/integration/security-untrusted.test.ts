import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { auditEntries, DEMO_KEY, keySession, Session, signedIn } from "../support/http";
import { createScratchDatabase, startServer } from "../support/servers";

/**
 * A server as a real deployment runs it with no proxy configured: no forwarded header is
 * believed, /api/metrics wants a token, and sessions have a small request budget. Its own ports
 * (PLUMBLINE_TEST_PORT + 10 …) keep it apart from the shared servers.
 */
const PORT = Number(process.env.PLUMBLINE_TEST_PORT ?? 3101) + 10;
const METRICS_TOKEN = "metrics-token-for-tests";
const USER_RATE_LIMIT = 100;

interface Engine {
  engine: string;
  /** The database settings this engine's server runs on, and a cleanup. */
  prepare: () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>;
}

const engines: Engine[] = [
  {
    engine: "pglite",
    prepare: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-untrusted-"));
      return { env: { PLUMBLINE_DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
const adminUrl = inject("postgresAdminUrl");
if (adminUrl) {
  engines.push({
    engine: "postgres",
    prepare: async () => {
      const scratch = await createScratchDatabase(adminUrl, "untrusted");
      return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
    },
  });
}

/** A request with a Host header of our choosing, which fetch does not allow. */
function rawRequest(baseUrl: string, method: string, pathname: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathname, baseUrl), { method, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe.each(engines.map((e, i) => ({ ...e, port: PORT + i })))("a server that trusts no proxy on $engine", ({ prepare, port }) => {
  let baseUrl = "";
  let stop: () => Promise<void> = async () => {};
  let database: Awaited<ReturnType<Engine["prepare"]>>;
  const common = { PLUMBLINE_SIMULATOR: "0", PLUMBLINE_METRICS_TOKEN: METRICS_TOKEN, PLUMBLINE_USER_RATE_LIMIT: String(USER_RATE_LIMIT) };

  beforeAll(async () => {
    database = await prepare();
    const server = await startServer(port, { ...common, ...database.env });
    baseUrl = server.baseUrl;
    stop = server.stop;
    // Seeding the demo into PGlite on a busy machine can take minutes.
  }, 400_000);
  afterAll(async () => {
    await stop();
    await database.drop();
  });

  it("believes no X-Forwarded-For or X-Real-IP from an untrusted peer: rotating them does not dodge the sign-in limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await new Session(baseUrl).signIn("oncall@example.com", `wrong-${i}`, `198.51.100.${i + 1}`);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const blocked = await new Session(baseUrl).signInJson("oncall@example.com", "plumbline-demo", {
      "x-forwarded-for": "198.51.100.99",
      "x-real-ip": "198.51.100.98",
    });
    expect(blocked.status).toBe(429);
    const failures = (await auditEntries(baseUrl, "action=auth.signin&target=oncall@example.com")).filter((e) => e.outcome === "failure");
    expect(failures).toHaveLength(5);
    expect(new Set(failures.map((e) => e.ip))).toEqual(new Set(["127.0.0.1"]));
  });

  it("checks Origin only against NEXTAUTH_URL, never the client's X-Forwarded-Host or Host", async () => {
    const lead = await signedIn(baseUrl, "lead@example.com");
    const forwarded = await lead.request(
      "POST",
      "/api/v1/models",
      { name: `xfh-${Date.now()}` },
      { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    );
    expect(forwarded.status).toBe(403);
    const cookie = lead.cookieHeader();
    const hosted = await rawRequest(
      baseUrl,
      "POST",
      "/api/v1/models",
      { host: "evil.example", origin: "http://evil.example", cookie, "content-type": "application/json" },
      `{"name":"host-${Date.now()}"}`,
    );
    expect(hosted).toBe(403);
    const denied = await auditEntries(baseUrl, "action=access.denied&actor=lead@example.com");
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect((await lead.request("POST", "/api/v1/models", { name: `own-origin-${Date.now()}` })).status).toBe(201);
  });

  it("serves /api/metrics only with the token, labels series by route template, and grows no series for probes", async () => {
    expect((await fetch(`${baseUrl}/api/metrics`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const scrape = async () => {
      const res = await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).toBe(200);
      return res.text();
    };
    const probe = `probe${Date.now()}`;
    for (let i = 0; i < 5; i++) {
      await fetch(`${baseUrl}/api/v1/models/${probe}-${i}`);
      await fetch(`${baseUrl}/api/v1/${probe}-${i}/nothing/here`);
      await fetch(`${baseUrl}/api/v1/models/${probe}-${i}/versions/v${i}/reference`, { method: "POST" });
    }
    await keySession(baseUrl, DEMO_KEY).get("/api/v1/models/fraud-detector");
    const text = await scrape();
    expect(text).not.toContain(probe);
    expect(text).not.toContain("fraud-detector");
    expect(text).toMatch(/plumbline_http_requests_total\{route="\/api\/v1\/models\/\[name\]",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/plumbline_http_requests_total\{route="\/api\/v1\/models\/\[name\]",method="GET",status="401"\} [1-9]/);
    const series = text.split("\n").filter((l) => l.startsWith("plumbline_http_requests_total{")).length;
    for (let i = 0; i < 5; i++) await fetch(`${baseUrl}/api/v1/models/${probe}-again-${i}`);
    expect((await scrape()).split("\n").filter((l) => l.startsWith("plumbline_http_requests_total{")).length).toBe(series);
  });

  it("limits a person's requests a minute, counted in the database, with 429 and Retry-After; others carry on", async () => {
    const viewer = await signedIn(baseUrl, "viewer@example.com");
    const statuses: number[] = [];
    for (let sent = 0; sent < USER_RATE_LIMIT * 2 + 20 && !statuses.includes(429); sent += 20) {
      statuses.push(...(await Promise.all(Array.from({ length: 20 }, () => viewer.get("/api/v1/me").then((r) => r.status)))));
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(USER_RATE_LIMIT - 20);
    const limited = await viewer.get("/api/v1/me");
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A second session of the same person shares the budget; another person does not.
    expect((await (await signedIn(baseUrl, "viewer@example.com")).get("/api/v1/me")).status).toBe(429);
    expect((await (await signedIn(baseUrl, "compliance@example.com")).get("/api/v1/me")).status).toBe(200);
  });

  it("refuses to start outside demo mode on a database that holds the demo accounts and key", async () => {
    await stop();
    stop = async () => {};
    const started = startServer(port, { ...common, ...database.env, PLUMBLINE_DEMO: "0" });
    await expect(started).rejects.toThrow(/demo/i);
    await expect(started).rejects.toThrow(/PLUMBLINE_DEMO=1/);
  });
});
