import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { routeDefinitions } from "@/lib/api/registry";
import type { RoutePermission } from "@/lib/api/route";
import { PERMISSIONS, ROLES, SCOPES, rolesGrant, scopesGrant, type Permission, type Role, type Scope } from "@/lib/auth/permissions";
import { keySession, Session, signedIn } from "../support/http";
import { ROOT } from "../support/servers";

/**
 * For every /api/v1 route, a request that is valid enough to get past validation. The permission
 * each must enforce is read from the route's own definition; the server is still called over HTTP
 * as any client would. A route file without a case here, or without a permission, fails the first test.
 */
interface RouteCase {
  path: () => string;
  body?: () => unknown;
}

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

const ROUTES: Record<string, Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE", RouteCase>>> = {
  "/api/v1/me": { GET: { path: () => "/api/v1/me" } },
  "/api/v1/fleet": { GET: { path: () => "/api/v1/fleet" } },
  "/api/v1/models": {
    GET: { path: () => "/api/v1/models" },
    POST: { path: () => "/api/v1/models", body: () => ({ name: `matrix-${unique()}` }) },
  },
  "/api/v1/models/[name]": {
    GET: { path: () => "/api/v1/models/fraud-detector" },
    // A model that does not exist (404 for whoever may change models), so demo data stays.
    PATCH: { path: () => "/api/v1/models/matrix-no-such-model", body: () => ({ owner: "matrix" }) },
  },
  "/api/v1/models/[name]/quality": { GET: { path: () => "/api/v1/models/fraud-detector/quality" } },
  // Quality ingestion names a model that does not exist: 422 for whoever may ingest.
  "/api/v1/ingest/predictions": {
    POST: {
      path: () => "/api/v1/ingest/predictions",
      body: () => ({ model: "matrix-no-such-model", version: "v1", records: [{ id: "matrix", ts: new Date().toISOString(), prediction: 1 }] }),
    },
  },
  "/api/v1/ingest/labels": {
    POST: { path: () => "/api/v1/ingest/labels", body: () => ({ model: "matrix-no-such-model", records: [{ id: "matrix", label: 1 }] }) },
  },
  "/api/v1/models/[name]/metrics": { GET: { path: () => "/api/v1/models/fraud-detector/metrics?metric=latency_p95_ms" } },
  // Drift: the reference goes to a version that does not exist (404 for whoever may upload), so demo data stays.
  "/api/v1/drift": { GET: { path: () => "/api/v1/drift" } },
  "/api/v1/drift/compare": {
    POST: { path: () => "/api/v1/drift/compare", body: () => ({ reference: [1, 2, 3], current: [1, 2, 4] }) },
  },
  "/api/v1/models/[name]/drift": { GET: { path: () => "/api/v1/models/fraud-detector/drift" } },
  "/api/v1/models/[name]/drift/features/[feature]": {
    GET: { path: () => "/api/v1/models/fraud-detector/drift/features/amount" },
  },
  "/api/v1/models/[name]/drift-settings": {
    GET: { path: () => "/api/v1/models/fraud-detector/drift-settings" },
    PUT: {
      path: () => "/api/v1/models/fraud-detector/drift-settings",
      body: () => ({ settings: [{ feature: "matrix_probe", method: null }] }),
    },
  },
  "/api/v1/models/[name]/versions/[version]/reference": {
    POST: {
      path: () => "/api/v1/models/fraud-detector/versions/no-such-version/reference",
      body: () => ({ records: [{ features: { a: 1 } }] }),
    },
  },
  "/api/v1/ingest/features": {
    POST: {
      path: () => "/api/v1/ingest/features",
      body: () => ({ model: "search-ranker", version: "v7", records: [{ ts: new Date().toISOString(), features: { matrix_probe: 1 } }] }),
    },
  },
  "/api/v1/ingest/metrics": {
    POST: {
      path: () => "/api/v1/ingest/metrics",
      body: () => ({ points: [{ model: "fraud-detector", version: "v3", metric: "matrix_probe", ts: new Date().toISOString(), value: 1 }] }),
    },
  },
  "/api/v1/otlp/v1/metrics": { POST: { path: () => "/api/v1/otlp/v1/metrics", body: () => ({ resourceMetrics: [] }) } },
  "/api/v1/models/[name]/stages": { GET: { path: () => "/api/v1/models/fraud-detector/stages" } },
  "/api/v1/models/[name]/versions": {
    POST: { path: () => "/api/v1/models/search-ranker/versions", body: () => ({ version: `m${unique()}` }) },
  },
  "/api/v1/users": {
    GET: { path: () => "/api/v1/users" },
    POST: { path: () => "/api/v1/users", body: () => ({ email: `matrix-${unique()}@example.com`, name: "Matrix", roles: ["viewer"] }) },
  },
  "/api/v1/users/[id]": { PATCH: { path: () => `/api/v1/users/${NO_SUCH_ID}`, body: () => ({ active: true }) } },
  "/api/v1/users/[id]/password-reset": { POST: { path: () => `/api/v1/users/${NO_SUCH_ID}/password-reset` } },
  // A wrong current password: whoever may change their password gets 422, and nothing changes.
  "/api/v1/me/password": {
    PUT: { path: () => "/api/v1/me/password", body: () => ({ current_password: "not-the-password", new_password: "matrix-new-password-0001" }) },
  },
  "/api/v1/keys": {
    GET: { path: () => "/api/v1/keys" },
    POST: { path: () => "/api/v1/keys", body: () => ({ name: `matrix-${unique()}`, scopes: ["read"] }) },
  },
  "/api/v1/keys/[id]": { DELETE: { path: () => `/api/v1/keys/${NO_SUCH_ID}` } },
  "/api/v1/audit": { GET: { path: () => "/api/v1/audit?limit=5" } },
  "/api/v1/audit/verify": { GET: { path: () => "/api/v1/audit/verify" } },
  "/api/v1/audit/export": { GET: { path: () => "/api/v1/audit/export?format=ndjson&action=no.such.action" } },
  // Governance: unknown ids and versions answer 404 to whoever may act, so the matrix changes nothing.
  "/api/v1/promotions": {
    GET: { path: () => "/api/v1/promotions?status=pending" },
    POST: {
      path: () => "/api/v1/promotions",
      body: () => ({ model: "fraud-detector", version: "no-such-version", target_stage: "staging", justification: "matrix" }),
    },
  },
  "/api/v1/promotions/[id]": { GET: { path: () => `/api/v1/promotions/${NO_SUCH_ID}` } },
  "/api/v1/promotions/[id]/approve": { POST: { path: () => `/api/v1/promotions/${NO_SUCH_ID}/approve`, body: () => ({}) } },
  "/api/v1/promotions/[id]/reject": {
    POST: { path: () => `/api/v1/promotions/${NO_SUCH_ID}/reject`, body: () => ({ reason: "matrix" }) },
  },
  "/api/v1/promotions/[id]/waive": {
    POST: { path: () => `/api/v1/promotions/${NO_SUCH_ID}/waive`, body: () => ({ gate: "model_card", reason: "matrix" }) },
  },
  "/api/v1/promotions/[id]/withdraw": { POST: { path: () => `/api/v1/promotions/${NO_SUCH_ID}/withdraw` } },
  "/api/v1/promotions/preview": { GET: { path: () => "/api/v1/promotions/preview?model=fraud-detector&version=no-such-version&target_stage=staging" } },
  "/api/v1/models/[name]/rollback": {
    POST: { path: () => "/api/v1/models/fraud-detector/rollback", body: () => ({ to_version: "no-such-version", reason: "matrix" }) },
  },
  "/api/v1/reviews": { GET: { path: () => "/api/v1/reviews" } },
  "/api/v1/reviews/[id]/ack": { POST: { path: () => `/api/v1/reviews/${NO_SUCH_ID}/ack`, body: () => ({}) } },
  "/api/v1/policies": { GET: { path: () => "/api/v1/policies" } },
  "/api/v1/policies/[target_stage]": {
    // Puts the contract's own default back: a new policy version, but the same rules for later tests.
    PUT: { path: () => "/api/v1/policies/staging", body: () => ({ required_approvals: { ml_lead: 1 }, metric_tolerance: 0.05 }) },
  },
  "/api/v1/ingest/pipeline-runs": {
    POST: {
      path: () => "/api/v1/ingest/pipeline-runs",
      body: () => ({ pipeline: "matrix-pipeline", run_id: `matrix-${unique()}`, status: "succeeded", started_at: new Date().toISOString() }),
    },
  },
  "/api/v1/lineage": {
    POST: {
      path: () => "/api/v1/lineage",
      body: () => ({
        eventType: "START",
        eventTime: new Date().toISOString(),
        run: { runId: `matrix-${unique()}` },
        job: { namespace: "matrix", name: "job" },
      }),
    },
  },
  // Incidents and alerts: unknown models, private webhook targets and unknown ids answer 422 or 404 to whoever may act.
  "/api/v1/alert-rules": {
    GET: { path: () => "/api/v1/alert-rules" },
    POST: {
      path: () => "/api/v1/alert-rules",
      body: () => ({ name: "matrix", kind: "pipeline_failed", target: { pipeline: `no-such-pipeline-${unique()}` }, condition: {}, severity: "info" }),
    },
  },
  "/api/v1/alert-rules/[id]": {
    GET: { path: () => `/api/v1/alert-rules/${NO_SUCH_ID}` },
    PATCH: { path: () => `/api/v1/alert-rules/${NO_SUCH_ID}`, body: () => ({ severity: "info" }) },
    DELETE: { path: () => `/api/v1/alert-rules/${NO_SUCH_ID}` },
  },
  "/api/v1/alert-rules/[id]/silence": {
    POST: { path: () => `/api/v1/alert-rules/${NO_SUCH_ID}/silence`, body: () => ({ until: null }) },
  },
  "/api/v1/incidents": { GET: { path: () => "/api/v1/incidents?status=open" } },
  "/api/v1/incidents/[id]": { GET: { path: () => `/api/v1/incidents/${NO_SUCH_ID}` } },
  "/api/v1/incidents/[id]/ack": { POST: { path: () => `/api/v1/incidents/${NO_SUCH_ID}/ack`, body: () => ({}) } },
  "/api/v1/incidents/[id]/resolve": { POST: { path: () => `/api/v1/incidents/${NO_SUCH_ID}/resolve`, body: () => ({}) } },
  "/api/v1/incidents/[id]/notes": {
    POST: { path: () => `/api/v1/incidents/${NO_SUCH_ID}/notes`, body: () => ({ text: "matrix" }) },
  },
  "/api/v1/webhooks": {
    GET: { path: () => "/api/v1/webhooks" },
    POST: {
      path: () => "/api/v1/webhooks",
      body: () => ({ url: "http://127.0.0.1:9/matrix", events: ["incident.opened"], secret: "matrix-secret-0123456789" }),
    },
  },
  "/api/v1/webhooks/[id]": { DELETE: { path: () => `/api/v1/webhooks/${NO_SUCH_ID}` } },
  "/api/v1/webhooks/[id]/deliveries": { GET: { path: () => `/api/v1/webhooks/${NO_SUCH_ID}/deliveries` } },
  "/api/v1/webhooks/[id]/test": { POST: { path: () => `/api/v1/webhooks/${NO_SUCH_ID}/test` } },
  "/api/v1/pipelines": { GET: { path: () => "/api/v1/pipelines" } },
  "/api/v1/models/[name]/versions/[version]/producing-run": {
    GET: { path: () => "/api/v1/models/fraud-detector/versions/v4/producing-run" },
  },
  "/api/v1/pipelines/[name]": {
    GET: { path: () => "/api/v1/pipelines/matrix-pipeline" },
    PUT: {
      path: () => "/api/v1/pipelines/matrix-expectation",
      body: () => ({ expected_every_seconds: 3600, grace_seconds: 60 }),
    },
  },
};

/** What every route's definition says: "GET /api/v1/models/[name]" → its permission, or "public". */
const PERMISSION_OF = new Map<string, RoutePermission>(
  (await routeDefinitions()).map((d) => [`${d.method} /api/v1${d.path.replace(/\{(\w+)\}/g, "[$1]")}`, d.permission] as const),
);
/** Routes anyone may read, without credentials: those whose definition says so. */
const PUBLIC_ROUTES = [...PERMISSION_OF].filter(([, permission]) => permission === "public").map(([route]) => route);
// Answers every path no route claims with a JSON 404: no operation, no permission.
const CATCH_ALL = "/api/v1/[...path]";

function routeFiles(dir = path.join(ROOT, "app", "api", "v1")): { template: string; methods: string[] }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return routeFiles(full);
      if (entry.name !== "route.ts") return [];
      const source = fs.readFileSync(full, "utf8");
      const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => m[1]);
      return [{ template: "/" + path.relative(path.join(ROOT, "app"), path.dirname(full)).split(path.sep).join("/"), methods }];
    })
    .filter((r) => r.template !== CATCH_ALL);
}

const DEMO_EMAIL: Record<Role, string> = {
  viewer: "viewer@example.com",
  oncall: "oncall@example.com",
  ml_lead: "lead@example.com",
  compliance: "compliance@example.com",
  admin: "admin@example.com",
};

it("has a permission from its definition and a case for every method of every /api/v1 route file, and no case without a route", () => {
  const everyRoute = routeFiles().flatMap((r) => r.methods.map((m) => `${m} ${r.template}`));
  const withoutPermission = everyRoute.filter((r) => {
    const permission = PERMISSION_OF.get(r);
    return permission !== "public" && !(permission !== undefined && permission in PERMISSIONS);
  });
  expect(withoutPermission, "route files whose definitions name no permission").toEqual([]);
  const onDisk = everyRoute.filter((r) => !PUBLIC_ROUTES.includes(r)).sort();
  const inTable = Object.entries(ROUTES)
    .flatMap(([template, methods]) => Object.keys(methods).map((m) => `${m} ${template}`))
    .sort();
  expect(onDisk).toEqual(inTable);
  expect(onDisk.length).toBeGreaterThan(10);
});

const cases = Object.entries(ROUTES).flatMap(([template, methods]) =>
  Object.entries(methods).map(([method, c]) => ({
    label: `${method} ${template}`,
    method,
    // A case for a route that does not exist is caught by the first test; it checks nothing here.
    permission: (PERMISSION_OF.get(`${method} ${template}`) ?? "admin") as Permission,
    ...c!,
  })),
);

describe.each(inject("servers"))("authorization matrix on $engine", ({ baseUrl }) => {
  it.each(PUBLIC_ROUTES)("%s answers without credentials", async (route) => {
    const [method, path] = route.split(" ");
    expect((await new Session(baseUrl).request(method, path)).status).toBe(200);
  });

  it.each([
    ["GET", "/api/v1/no-such-thing"],
    ["POST", "/api/v1/no/such/thing"],
    ["DELETE", "/api/v1/models/fraud-detector/no-such-part"],
  ])("%s %s, a path no route claims, answers a JSON 404 in the error shape, with or without credentials", async (method, path) => {
    for (const session of [new Session(baseUrl), await signedIn(baseUrl, DEMO_EMAIL.viewer)]) {
      const res = await session.request(method, path, method === "GET" ? undefined : {});
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("not_found");
      expect(body.error.message).toContain(path);
    }
  });

  const roleSessions = new Map<Role, Session>();
  const scopeSessions = new Map<Scope, Session>();

  beforeAll(async () => {
    for (const role of ROLES) roleSessions.set(role, await signedIn(baseUrl, DEMO_EMAIL[role]));
    const admin = roleSessions.get("admin")!;
    for (const scope of SCOPES) {
      const res = await admin.request("POST", "/api/v1/keys", { name: `matrix ${scope}`, scopes: [scope] });
      const { key } = (await res.json()) as { key: string };
      scopeSessions.set(scope, keySession(baseUrl, key));
    }
  });

  async function call(session: Session, c: (typeof cases)[number]) {
    return (await session.request(c.method, c.path(), c.body?.())).status;
  }

  it.each(cases)("$label: 401 without credentials and with a bad key", async (c) => {
    expect(await call(new Session(baseUrl), c)).toBe(401);
    expect(await call(keySession(baseUrl, "plb_this_key_does_not_exist"), c)).toBe(401);
  });

  it.each(cases)("$label: each role and each key scope gets exactly what the permission map grants", async (c) => {
    const results: string[] = [];
    const expected: string[] = [];
    for (const role of ROLES) {
      const status = await call(roleSessions.get(role)!, c);
      results.push(`${role}:${status === 403 ? "denied" : status >= 200 && status < 500 && status !== 401 ? "allowed" : status}`);
      expected.push(`${role}:${rolesGrant([role], c.permission) ? "allowed" : "denied"}`);
    }
    for (const scope of SCOPES) {
      const status = await call(scopeSessions.get(scope)!, c);
      results.push(`key ${scope}:${status === 403 ? "denied" : status >= 200 && status < 500 && status !== 401 ? "allowed" : status}`);
      expected.push(`key ${scope}:${scopesGrant([scope], c.permission) ? "allowed" : "denied"}`);
    }
    expect(results, `${c.label} needs ${c.permission}: ${PERMISSIONS[c.permission].description}`).toEqual(expected);
  });
});
