import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, Session, signedIn } from "../support/http";

/**
 * Every operation the server documents, authorized as a caller it admits (so the input reaches
 * the parsing, not the door), fed the hostile corpus in its body, its query and its path. Nothing
 * may answer 5xx, and every refusal is the contract's JSON error with no internals in it.
 */
const servers = inject("servers");

interface Corpus {
  bodies: { name: string; text?: string; base64?: string; contentType?: string | null }[];
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

function concretePath(template: string, replace?: { param: string; raw: string }): string {
  return template.replace(/\{(\w+)\}/g, (_, param: string) =>
    replace?.param === param ? replace.raw : encodeURIComponent(PATH_VALUES[param] ?? "00000000-0000-4000-8000-000000000000"),
  );
}

interface Probe {
  what: string;
  op: Operation;
  path: string;
  body?: BodyInit;
  contentType?: string | null;
}

function probesOf(op: Operation): Probe[] {
  const probes: Probe[] = [];
  const base = concretePath(op.path);
  if (op.hasBody) {
    for (const b of corpus.bodies) {
      const body = b.base64 !== undefined ? Buffer.from(b.base64, "base64") : (b.text ?? "");
      probes.push({ what: `body: ${b.name}`, op, path: base, body, contentType: b.contentType === undefined ? "application/json" : b.contentType });
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
      const res = await session.send(probe.op.method, probe.path, probe.body, headers);
      const text = await res.text();
      const where = `${probe.op.method} ${probe.op.path} ${probe.what}`;
      if (res.status >= 500) found.push(`${where}: ${res.status} ${text.slice(0, 200)}`);
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

describe.each(servers)("hostile input to every documented operation on $engine", ({ baseUrl }) => {
  it("never answers 5xx, and refuses with the contract's error and nothing internal", { timeout: 900_000 }, async () => {
    const operations = await operationsOf(baseUrl);
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((op) => op.permission === "").map((op) => `${op.method} ${op.path}`)).toEqual([]);
    // Deleting things for real would take the demo away from the other tests; deletes take no body.
    const probes = operations.filter((op) => op.method !== "DELETE").flatMap(probesOf);
    expect(probes.length).toBeGreaterThan(1000);
    expect(await faults(probes, callers(baseUrl))).toEqual([]);
  });
});
