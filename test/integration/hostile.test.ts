import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, Session, signedIn } from "../support/http";

/**
 * Every operation the server documents, authorized as a caller it admits (so the input reaches
 * the parsing, not the door), fed the hostile corpus in its body, its query and its path. Nothing
 * may answer 5xx, and every refusal is the contract's JSON error with no internals in it.
 */
const servers = inject("servers");

type Generator =
  | { kind: "long-strings"; chars: number }
  | { kind: "nested-arrays"; depth: number }
  | { kind: "nested-objects"; depth: number }
  | { kind: "wide-array"; count: number }
  | { kind: "padding"; bytes: number; stream?: boolean };

interface Corpus {
  bodies: {
    name: string;
    text?: string;
    base64?: string;
    generate?: Generator;
    contentType?: string | null;
    headers?: Record<string, string>;
  }[];
  queryValues: string[];
  longQueryValueChars: number;
  rawQueryValues: string[];
  unknownQueryParams: string[];
  pathValues: string[];
  longPathValueChars: number;
  rawPathValues: string[];
}
const corpus = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "hostile", "corpus.json"), "utf8")) as Corpus;

interface Operation {
  method: string;
  path: string;
  permission: string;
  query: string[];
  hasBody: boolean;
}

const INTERNALS = /\bselect\b|\binsert\b|syntax error|violates|failed query|drizzle|postgres|pglite|at [\w.<>]+ \(|node_modules|TypeError|ReferenceError/i;

/** Operations that take a body to read or to check, not to change anything. */
const READS_BY_POST = new Set<string>(["POST /api/v1/drift/compare"]);

/** Real values for path parameters, so a request gets past "not found" to the code that parses. */
const PATH_VALUES: Record<string, string> = { name: "fraud-detector", version: "v3", feature: "amount" };

async function operationsOf(baseUrl: string): Promise<Operation[]> {
  const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as {
    servers: { url: string }[];
    paths: Record<string, Record<string, { "x-plumbline-permission"?: string; parameters?: { name: string; in: string }[]; requestBody?: unknown }>>;
  };
  // Paths in the document are relative to its server, which names the API's prefix.
  const prefix = new URL(doc.servers[0].url, baseUrl).pathname.replace(/\/$/, "");
  return Object.entries(doc.paths).flatMap(([route, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: prefix + route,
      permission: op["x-plumbline-permission"] ?? "",
      query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      hasBody: op.requestBody !== undefined,
    })),
  );
}

/** A caller the operation admits: a fresh API key for key-only permissions, else a demo person holding a granting role. */
function callers(baseUrl: string) {
  const people = new Map<string, Promise<Session>>();
  const person = (email: string) => {
    if (!people.has(email)) people.set(email, signedIn(baseUrl, email));
    return people.get(email)!;
  };
  const byPermission: Record<string, string> = {
    "dashboards.read": "viewer@example.com",
    "registry.write": "lead@example.com",
    "settings.write": "lead@example.com",
    "promotion.request": "lead@example.com",
    "promotion.decide": "compliance@example.com",
    "gate.waive": "compliance@example.com",
    rollback: "oncall@example.com",
    "incidents.manage": "oncall@example.com",
    "alerts.manage": "oncall@example.com",
    "audit.read": "compliance@example.com",
    admin: "admin@example.com",
  };
  // Each ingesting operation gets its own key, so the per-key limit of one never stops another.
  const keys = new Map<string, Promise<Session>>();
  const keyFor = (op: Operation) => {
    const id = `${op.method} ${op.path}`;
    if (!keys.has(id)) {
      keys.set(
        id,
        (async () => {
          const admin = await person("admin@example.com");
          const res = await admin.request("POST", "/api/v1/keys", { name: `hostile ${id}`.slice(0, 100), scopes: ["ingest", "read", "registry:write"] });
          if (res.status !== 201) throw new Error(`creating a key failed with ${res.status}: ${await res.text()}`);
          return keySession(baseUrl, ((await res.json()) as { key: string }).key);
        })(),
      );
    }
    return keys.get(id)!;
  };
  return (op: Operation): Promise<Session> => {
    if (op.permission === "" || op.permission === "public") return Promise.resolve(keySession(baseUrl, DEMO_KEY));
    const email = byPermission[op.permission];
    return email ? person(email) : keyFor(op);
  };
}

/** The bodies the corpus names by their shape rather than spells out (megabytes of JSON). */
function generated(g: Generator): () => BodyInit {
  switch (g.kind) {
    case "long-strings": {
      // Four over-long strings, under the body limit together, so each reaches the schema.
      const long = "s".repeat(g.chars);
      const text = JSON.stringify({ name: long, email: long, reason: long, points: [{ model: "fraud-detector", version: "v3", metric: long, value: 1 }] });
      return () => text;
    }
    case "nested-arrays": {
      const text = `{"points": ${"[".repeat(g.depth)}${"]".repeat(g.depth)}, "name": ${"[".repeat(g.depth)}${"]".repeat(g.depth)}}`;
      return () => text;
    }
    case "nested-objects": {
      const text = `{"name": ${'{"a":'.repeat(g.depth)}1${"}".repeat(g.depth)}}`;
      return () => text;
    }
    case "wide-array": {
      const text = `{"points": [${Array.from({ length: g.count }, () => '"x"').join(",")}]}`;
      return () => text;
    }
    case "padding": {
      const pad = Buffer.from(`{"name": "hostile", "pad": "${"p".repeat(g.bytes)}"}`);
      if (!g.stream) return () => pad;
      // A stream has no length to refuse up front: the server must stop reading at its limit.
      return () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < pad.length; i += 64 * 1024) controller.enqueue(pad.subarray(i, i + 64 * 1024));
            controller.close();
          },
        });
    }
  }
}

/** Each generated body is built once and sent to every operation (building megabytes per probe would stall the client). */
const built = new Map<Generator, () => BodyInit>();
function generatedOnce(g: Generator): () => BodyInit {
  if (!built.has(g)) built.set(g, generated(g));
  return built.get(g)!;
}

function concretePath(template: string, replace?: { param: string; raw: string }): string {
  return template.replace(/\{(\w+)\}/g, (_, param: string) =>
    replace?.param === param ? replace.raw : encodeURIComponent(PATH_VALUES[param] ?? "00000000-0000-4000-8000-000000000000"),
  );
}

interface Probe {
  what: string;
  op: Operation;
  path: string;
  body?: () => BodyInit;
  contentType?: string | null;
  headers?: Record<string, string>;
}

function probesOf(op: Operation): Probe[] {
  const probes: Probe[] = [];
  const base = concretePath(op.path);
  if (op.hasBody) {
    for (const b of corpus.bodies) {
      const fixed = b.base64 !== undefined ? Buffer.from(b.base64, "base64") : (b.text ?? "");
      const body = b.generate ? generatedOnce(b.generate) : () => fixed;
      probes.push({
        what: `body: ${b.name}`,
        op,
        path: base,
        body,
        contentType: b.contentType === undefined ? "application/json" : b.contentType,
        headers: b.headers,
      });
    }
  }
  const queryValues = [...corpus.queryValues.map(encodeURIComponent), ...corpus.rawQueryValues, "x".repeat(corpus.longQueryValueChars)];
  for (const param of op.query) {
    for (const value of queryValues) probes.push({ what: `query ${param}=${value.slice(0, 40)}`, op, path: `${base}?${param}=${value}` });
  }
  if (op.method === "GET") for (const extra of corpus.unknownQueryParams) probes.push({ what: `query ${extra}`, op, path: `${base}?${extra}` });
  for (const param of [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
    const values = [...corpus.pathValues.map(encodeURIComponent), ...corpus.rawPathValues, "p".repeat(corpus.longPathValueChars)];
    for (const raw of values) probes.push({ what: `path ${param}=${raw.slice(0, 40)}`, op, path: concretePath(op.path, { param, raw }) });
  }
  return probes;
}

/** Runs the probes a few at a time; the answers that break the rules, described. */
async function faults(probes: Probe[], callerOf: (op: Operation) => Promise<Session>): Promise<string[]> {
  const found: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++];
      const session = await callerOf(probe.op);
      const headers: Record<string, string> = probe.contentType ? { "content-type": probe.contentType } : {};
      // A state-changing probe must never be replayed as a success of another: each is its own key.
      if (probe.op.method !== "GET") headers["idempotency-key"] = `hostile-${Math.random().toString(36).slice(2)}`;
      Object.assign(headers, probe.headers);
      // A connection lost before any answer (a keep-alive socket closed as it was reused) is tried once more.
      const attempt = () => session.send(probe.op.method, probe.path, probe.body?.(), headers).catch((e: Error) => e);
      let res = await attempt();
      if (res instanceof Error) res = await attempt();
      const where = `${probe.op.method} ${probe.op.path} ${probe.what}`;
      if (res instanceof Error) {
        // Refusing a streamed body at the limit may close the connection before the answer is read.
        if (!/stream/.test(probe.what)) found.push(`${where}: no answer (${res.message})`);
        continue;
      }
      const text = await res.text();
      if (res.status >= 500) found.push(`${where}: ${res.status} ${text.slice(0, 200)}`);
      // Hostile input writes nothing: a state change must refuse it, whatever else it answers.
      else if (res.status < 300 && probe.op.method !== "GET" && !READS_BY_POST.has(`${probe.op.method} ${probe.op.path}`))
        found.push(`${where}: ${res.status} accepted a hostile write: ${text.slice(0, 120)}`);
      else if (res.status >= 400) {
        let error: { code?: unknown; message?: unknown } | undefined;
        try {
          error = (JSON.parse(text) as { error?: typeof error }).error;
        } catch {
          found.push(`${where}: ${res.status} is not JSON: ${text.slice(0, 120)}`);
          continue;
        }
        if (typeof error?.code !== "string" || typeof error?.message !== "string") found.push(`${where}: ${res.status} without the error shape`);
        else if (INTERNALS.test(text)) found.push(`${where}: ${res.status} leaks internals: ${text.slice(0, 200)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return found;
}

// Tables that change with every request, refused or not (limits, the trail of refusals, claims of keys).
// drift_daily is a cache that reads fill in.
const BOOKKEEPING = new Set([
  "drift_daily",
  "audit_log",
  "audit_checkpoints",
  "rate_limit_windows",
  "idempotency_keys",
  "signin_failures",
  "background_ticks",
  "__drizzle_migrations",
]);

/** Rows per table of the server's own database (PostgreSQL, where a second connection may look). */
async function rowCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by 1");
    const counts: Record<string, number> = {};
    for (const { name } of rows.filter((r) => !BOOKKEEPING.has(r.name))) {
      counts[name] = (await client.query<{ n: number }>(`select count(*)::int as n from "${name}"`)).rows[0].n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

describe.each(servers)("hostile input to every documented operation on $engine", ({ baseUrl, databaseUrl }) => {
  it("never answers 5xx, and refuses with the contract's error and nothing internal", { timeout: 900_000 }, async () => {
    const operations = await operationsOf(baseUrl);
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((op) => op.permission === "").map((op) => `${op.method} ${op.path}`)).toEqual([]);
    // Deleting things for real would take the demo away from the other tests; deletes take no body.
    const probes = operations.filter((op) => op.method !== "DELETE").flatMap(probesOf);
    expect(probes.length).toBeGreaterThan(1000);
    const callerOf = callers(baseUrl);
    // Every caller exists before the count, so the keys made for them are not counted as written.
    for (const op of operations) await callerOf(op);
    const before = databaseUrl ? await rowCounts(databaseUrl) : null;
    expect(await faults(probes, callerOf)).toEqual([]);
    if (databaseUrl && before) {
      // No table grew (retention may prune raw points meanwhile, which only shrinks one).
      const after = await rowCounts(databaseUrl);
      expect(
        Object.keys(after)
          .filter((table) => after[table] > (before[table] ?? 0))
          .map((t) => `${t}: ${before[t]} -> ${after[t]}`),
      ).toEqual([]);
    }
  });
});
