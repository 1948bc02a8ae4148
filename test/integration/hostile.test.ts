import { randomUUID } from "node:crypto";
import pg from "pg";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PERMISSIONS, ROLES, type Permission, type Role } from "@/lib/auth/permissions";
import { OPERATIONS, type Operation } from "@/lib/openapi/operations";
import corpus from "../hostile/corpus.json";
import { keySession, Session, signedIn } from "../support/http";
import { apiRoutesOnDisk } from "../support/routes";

/**
 * Hostile input (test/hostile/corpus.json) against every API endpoint that takes a body or a
 * query, each with credentials that pass its permission, so the input reaches validation: no
 * answer is a 5xx or shows a stack trace or a database message, every refusal is in the error
 * shape, and refused requests write nothing.
 */

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const KEY_REQUESTS_PER_MINUTE = 600;
const CONCURRENCY = 4;
// A request still unanswered after this long is a finding, not a stalled suite.
const ANSWER_WITHIN_MS = 60_000;

const errorShape = z
  .object({
    error: z
      .object({
        code: z.string().min(1),
        message: z.string().min(1),
        details: z.array(z.object({ path: z.string(), message: z.string() }).strict()).optional(),
      })
      .strict(),
  })
  .strict();

// What must never reach a client: a stack frame, a source location, or the database talking.
const LEAK = /\n\s+at |node_modules|\.(?:ts|js|mjs):\d+|violates|relation "|syntax error at or near|duplicate key|PGlite|pg_catalog/i;

const PEOPLE: Record<Role, string> = {
  admin: "admin@example.com",
  ml_lead: "lead@example.com",
  compliance: "compliance@example.com",
  oncall: "oncall@example.com",
  viewer: "viewer@example.com",
};

type Caller = "key" | Role;

/** A key with every scope when the permission has a scope; otherwise the first role granting it. */
function callerFor(permission: Permission): Caller {
  const rule: { roles: readonly Role[]; scope?: string } = PERMISSIONS[permission];
  if (rule.scope) return "key";
  const role = ROLES.find((r) => rule.roles.includes(r));
  if (!role) throw new Error(`no role grants ${permission}`);
  return role;
}

interface Endpoint {
  method: string;
  path: string;
  operation: Operation;
  caller: Caller;
}

/** The endpoints as the route files on disk declare them, each with its documented schemas. */
function endpoints(): Endpoint[] {
  return apiRoutesOnDisk()
    .filter((route) => route.path !== "/openapi.json")
    .map((route) => {
      const operation = OPERATIONS.find((op) => op.method.toUpperCase() === route.method && op.path === route.path);
      if (!operation) throw new Error(`${route.method} ${route.path} has no documented operation`);
      return { ...route, operation, caller: callerFor(operation.permission) };
    });
}

interface BodyCase {
  name: string;
  bytes: () => BodyInit;
  size: number;
  contentType: string | null;
  headers: Record<string, string>;
  /** The text the server would parse, for deciding whether the endpoint's schema accepts it. */
  text: string | null;
}

const FIELDS = ["name", "email", "model", "version", "metric", "points", "records", "reference", "current", "settings", "reason", "comment", "gate"];

function generated(kind: string, spec: Record<string, number | boolean>): string {
  switch (kind) {
    case "long-strings": {
      const long = JSON.stringify("a".repeat(Number(spec.chars)));
      return `{${FIELDS.map((f) => `"${f}": ${long}`).join(", ")}}`;
    }
    case "nested-arrays": {
      const deep = "[".repeat(Number(spec.depth)) + "]".repeat(Number(spec.depth));
      return `{${FIELDS.map((f) => `"${f}": ${deep}`).join(", ")}}`;
    }
    case "nested-objects": {
      const deep = '{"a":'.repeat(Number(spec.depth)) + "1" + "}".repeat(Number(spec.depth));
      return `{${FIELDS.map((f) => `"${f}": ${deep}`).join(", ")}}`;
    }
    case "wide-array": {
      const wide = `[${Array(Number(spec.count)).fill("1").join(",")}]`;
      return `{"points": ${wide}, "records": ${wide}, "settings": ${wide}}`;
    }
    case "padding":
      return `{"name": "${"a".repeat(Number(spec.bytes))}"}`;
    default:
      throw new Error(`unknown generator ${kind}`);
  }
}

function streamOf(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array> {
  const CHUNK = 256 * 1024;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + CHUNK));
      offset += CHUNK;
    },
  });
}

function bodyCases(): BodyCase[] {
  return corpus.bodies.map((entry) => {
    const source = entry as { name: string; text?: string; base64?: string; generate?: { kind: string } & Record<string, number | boolean> };
    const buffer = source.base64
      ? Buffer.from(source.base64, "base64")
      : Buffer.from(source.text ?? generated(source.generate!.kind, source.generate!), "utf8");
    const bytes = new Uint8Array(buffer);
    const contentType = "contentType" in entry ? (entry.contentType as string | null) : "application/json";
    const stream = source.generate?.stream === true;
    return {
      name: entry.name,
      bytes: () => (stream ? streamOf(bytes) : bytes),
      size: bytes.length,
      contentType,
      headers: (entry as { headers?: Record<string, string> }).headers ?? {},
      text: buffer.toString("utf8"),
    };
  });
}

/** Whether the endpoint could rightly accept this body: then it is no hostile input for it, and is not sent. */
function acceptable(endpoint: Endpoint, body: BodyCase): boolean {
  const { operation } = endpoint;
  if (!operation.body || body.contentType !== "application/json" || body.size > MAX_BODY_BYTES || body.text === null) return false;
  if ("idempotency-key" in body.headers && operation.idempotent) return false;
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return false;
  }
  return !body.text.includes("\\u0000") && operation.body.safeParse(json).success;
}

/** The schema of each query parameter an operation reads (through transforms and refinements). */
function queryParams(operation: Operation): Record<string, z.ZodType> {
  let schema = operation.query as unknown as { shape?: Record<string, z.ZodType>; def?: { in?: unknown } } | undefined;
  while (schema && !schema.shape && schema.def?.in) schema = schema.def.in as typeof schema;
  return schema?.shape ?? {};
}

function encode(value: string): string {
  return encodeURIComponent(value);
}

interface Finding {
  request: string;
  problem: string;
}

describe.each(inject("servers"))("hostile input on $engine", ({ engine, baseUrl, databaseUrl }) => {
  const callers = new Map<Caller, Session[]>();
  const keyIds: string[] = [];
  const admin = () => callers.get("admin")![0];
  let next = 0;
  let auditHead = 0;
  let rowCounts: Record<string, number> = {};
  const plan = endpoints();
  const values: Record<string, string> = {};

  function sessionFor(caller: Caller): Session {
    const sessions = callers.get(caller)!;
    return sessions[next++ % sessions.length];
  }

  /** Path parameters: real things for reads (so queries reach the database), absent ones for writes. */
  function concretePath(endpoint: Endpoint, override?: { param: string; raw: string }): string {
    const write = endpoint.method !== "GET";
    const path = endpoint.path.replace(/\{(\w+)\}/g, (_, param: string) => {
      if (override?.param === param) return override.raw;
      if (param === "id") return write ? randomUUID() : values.promotionId;
      if (param === "target_stage") return "production";
      if (param === "feature") return encode(values.feature);
      if (param === "version") return write ? "v0-absent" : "v3";
      if (endpoint.path.startsWith("/pipelines/")) return encode(write ? "hostile/absent" : values.pipeline);
      return write ? "absent-model" : "fraud-detector";
    });
    return `/api/v1${path}`;
  }

  async function check(findings: Finding[], label: string, res: Response, expectRefusal: boolean, expectedStatuses?: number[]) {
    const text = await res.text();
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`answered ${res.status}`);
    if (res.status === 401 || res.status === 403 || res.status === 429) problems.push(`answered ${res.status}: the input never reached validation`);
    if (expectRefusal && res.status < 400) problems.push(`accepted with ${res.status}`);
    if (expectedStatuses && res.status < 500 && !expectedStatuses.includes(res.status))
      problems.push(`answered ${res.status}, not ${expectedStatuses.join(" or ")}`);
    if (LEAK.test(text)) problems.push(`leaks internals: ${text.slice(0, 300)}`);
    if (res.status >= 400) {
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        /* reported below */
      }
      if (!errorShape.safeParse(body).success) problems.push(`not in the error shape: ${text.slice(0, 300)}`);
    }
    for (const problem of problems) findings.push({ request: label, problem: `${problem} (${text.slice(0, 160)})` });
  }

  async function attempt(findings: Finding[], label: string, run: (signal: AbortSignal) => Promise<void>) {
    try {
      await run(AbortSignal.timeout(ANSWER_WITHIN_MS));
    } catch (error) {
      findings.push({ request: label, problem: `no answer: ${String(error)}` });
    }
  }

  async function inPool(tasks: (() => Promise<void>)[]) {
    let index = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (index < tasks.length) await tasks[index++]();
      }),
    );
  }

  async function countRows(): Promise<Record<string, number>> {
    if (!databaseUrl) return {};
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public' order by tablename");
      // Counters and caches change on reads and refusals by design; the audit trail is checked entry by entry.
      const moving = new Set(["rate_limit_windows", "idempotency_keys", "signin_failures", "drift_daily", "audit_log", "__drizzle_migrations"]);
      const counts: Record<string, number> = {};
      for (const { tablename } of tables.rows.filter((t) => !moving.has(t.tablename))) {
        counts[tablename] = (await client.query<{ n: number }>(`select count(*)::int as n from "${tablename}"`)).rows[0].n;
      }
      return counts;
    } finally {
      await client.end();
    }
  }

  async function newestAuditSeq(): Promise<number> {
    const res = await sessionFor("compliance").get("/api/v1/audit?limit=1");
    const { entries } = (await res.json()) as { entries: { seq: number }[] };
    return entries[0]?.seq ?? 0;
  }

  beforeAll(async () => {
    for (const role of ROLES) callers.set(role, [await signedIn(baseUrl, PEOPLE[role])]);
    // Each key has its own per-minute budget: enough keys that the corpus is never rate limited.
    const keyRequests = plan.filter((e) => e.caller === "key").length * (corpus.bodies.length + 80);
    const keys: Session[] = [];
    for (let i = 0; i < Math.ceil(keyRequests / (KEY_REQUESTS_PER_MINUTE / 2)); i++) {
      const res = await admin().request("POST", "/api/v1/keys", { name: `hostile-${engine}-${i}`, scopes: ["ingest", "registry:write", "read"] });
      expect(res.status).toBe(201);
      const { id, key } = (await res.json()) as { id: string; key: string };
      keyIds.push(id);
      keys.push(keySession(baseUrl, key));
    }
    callers.set("key", keys);

    const lead = callers.get("ml_lead")![0];
    values.pipeline = ((await (await lead.get("/api/v1/pipelines")).json()) as { pipelines: { name: string }[] }).pipelines[0].name;
    values.promotionId = ((await (await lead.get("/api/v1/promotions")).json()) as { promotions: { id: string }[] }).promotions[0].id;
    const drift = (await (await lead.get("/api/v1/models/fraud-detector/drift")).json()) as { features: { feature: string }[] };
    values.feature = drift.features[0].feature;

    auditHead = await newestAuditSeq();
    rowCounts = await countRows();
  });

  afterAll(async () => {
    for (const id of keyIds) await admin().request("DELETE", `/api/v1/keys/${id}`);
  });

  it("refuses every hostile body, at every endpoint that takes one, in the error shape", { timeout: 600_000 }, async () => {
    const findings: Finding[] = [];
    const tasks: (() => Promise<void>)[] = [];
    const cases = bodyCases();
    for (const endpoint of plan.filter((e) => e.operation.body)) {
      for (const body of cases) {
        if (acceptable(endpoint, body)) continue;
        tasks.push(async () => {
          const label = `${endpoint.method} ${endpoint.path} with ${body.name}`;
          const headers: Record<string, string> = { ...body.headers };
          if (body.contentType !== null) headers["content-type"] = body.contentType;
          const expected =
            body.size > MAX_BODY_BYTES ? [413] : body.contentType === null || !body.contentType.startsWith("application/json") ? [415] : undefined;
          await attempt(findings, label, async (signal) => {
            const res = await sessionFor(endpoint.caller).send(endpoint.method, concretePath(endpoint), body.bytes(), headers, signal);
            await check(findings, label, res, true, expected);
          });
        });
      }
    }
    await inPool(tasks);
    expect(findings).toEqual([]);
  });

  it("answers every hostile query value without a fault, refusing what the parameter's schema refuses", { timeout: 600_000 }, async () => {
    const findings: Finding[] = [];
    const tasks: (() => Promise<void>)[] = [];
    const long = "x".repeat(corpus.longQueryValueChars);
    for (const endpoint of plan.filter((e) => e.method === "GET")) {
      const params = queryParams(endpoint.operation);
      const path = concretePath(endpoint);
      const send = (query: string, label: string, mustRefuse: boolean) =>
        tasks.push(() =>
          attempt(findings, `GET ${endpoint.path}?${label}`, async (signal) => {
            const res = await sessionFor(endpoint.caller).send("GET", `${path}?${query}`, undefined, {}, signal);
            await check(findings, `GET ${endpoint.path}?${label}`, res, mustRefuse);
          }),
        );
      for (const [param, schema] of Object.entries(params)) {
        for (const value of [...corpus.queryValues, long]) {
          send(`${param}=${encode(value)}`, `${param}=${JSON.stringify(value.slice(0, 40))}`, !schema.safeParse(value).success);
        }
        for (const raw of corpus.rawQueryValues) send(`${param}=${raw}`, `${param}=${raw}`, false);
      }
      for (const extra of corpus.unknownQueryParams) send(extra, extra, false);
    }
    await inPool(tasks);
    expect(findings).toEqual([]);
  });

  it("answers hostile path parameters with a refusal, never a fault", { timeout: 600_000 }, async () => {
    const findings: Finding[] = [];
    const tasks: (() => Promise<void>)[] = [];
    const long = "n".repeat(corpus.longPathValueChars);
    for (const endpoint of plan) {
      for (const param of [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        const raws = [...corpus.pathValues.map(encode), encode(long), ...corpus.rawPathValues];
        for (const raw of raws) {
          const label = `${endpoint.method} ${endpoint.path} with ${param}=${raw.slice(0, 40)}`;
          tasks.push(() =>
            attempt(findings, label, async (signal) => {
              // With a body no endpoint accepts: whatever the path resolves to, nothing may be written.
              const body = endpoint.method === "GET" ? undefined : "[]";
              const res = await sessionFor(endpoint.caller).send(
                endpoint.method,
                concretePath(endpoint, { param, raw }),
                body,
                { "content-type": "application/json" },
                signal,
              );
              await check(findings, label, res, true);
            }),
          );
        }
      }
    }
    await inPool(tasks);
    expect(findings).toEqual([]);
  });

  it("wrote nothing for any of it: no audit entry but refusals, and every table as it was", async () => {
    const res = await sessionFor("compliance").get(`/api/v1/audit?limit=1000`);
    const { entries } = (await res.json()) as { entries: { seq: number; action: string; outcome: string; target: string }[] };
    const written = entries.filter((e) => e.seq > auditHead && e.outcome !== "denied");
    expect(written).toEqual([]);
    expect(await countRows()).toEqual(rowCounts);
  });
});
