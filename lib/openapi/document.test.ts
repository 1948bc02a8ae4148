import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DefinedRoute } from "@/lib/api/route";
import { isDefinedRoute, ROUTE_FILES, ROUTE_METHODS, routeDefinitions } from "@/lib/api/registry";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { openApiDocument } from "./document";

const ROOT = path.resolve(__dirname, "..", "..");
const API_ROOT = path.join(ROOT, "app", "api", "v1");
// Answers every path no route claims with the JSON 404: not an operation, so not listed.
const CATCH_ALL = "[...path]";

/** Every route file under /api/v1 as its folder, `models/[name]`. */
function routeFilesOnDisk(dir = API_ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFilesOnDisk(full);
    if (entry.name !== "route.ts") return [];
    return [path.relative(API_ROOT, path.dirname(full)).split(path.sep).join("/")];
  });
}

/** "GET /models/{name}" for every HTTP method a route file exports, read from its source. */
function operationsOnDisk(): string[] {
  return routeFilesOnDisk()
    .filter((folder) => folder !== CATCH_ALL)
    .flatMap((folder) => {
      const source = fs.readFileSync(path.join(API_ROOT, folder, "route.ts"), "utf8");
      return [...source.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g)].map(
        (m) => `${m[1]} /${folder.replace(/\[(\w+)\]/g, "{$1}")}`,
      );
    });
}

/** The route files the registry lists, in its order: `models/[name]`. */
const listed = [...fs.readFileSync(path.join(ROOT, "lib", "api", "registry.ts"), "utf8").matchAll(/import\("@\/app\/api\/v1\/(.+)\/route"\)/g)].map(
  (m) => m[1],
);

// The first import of every route module compiles much of the server: load them once, up front.
beforeAll(() => Promise.all(ROUTE_FILES.map((load) => load())), 120_000);

describe("the route registry", () => {
  it("lists every route file on disk, once, and nothing else", () => {
    expect(listed.length).toBe(ROUTE_FILES.length);
    expect([...listed].sort()).toEqual(
      routeFilesOnDisk()
        .filter((f) => f !== CATCH_ALL)
        .sort(),
    );
  });

  it("holds only definitions: every exported method of every route file was built by defineRoute", async () => {
    for (const [i, load] of ROUTE_FILES.entries()) {
      const exports = await load();
      const file = `app/api/v1/${listed[i]}/route.ts`;
      const methods = ROUTE_METHODS.filter((method) => method in exports);
      expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
      for (const method of methods) {
        expect(isDefinedRoute(exports[method]), `${file} exports ${method} that defineRoute did not build`).toBe(true);
        const route = (exports[method] as DefinedRoute).definition;
        expect(`${route.method} ${route.path}`, `${file} ${method}`).toBe(`${method} /${listed[i].replace(/\[(\w+)\]/g, "{$1}")}`);
      }
    }
  });

  it("gives every route a permission from the table (or says it is public) and a response schema", async () => {
    const routes = await routeDefinitions();
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(operationsOnDisk().sort());
    for (const route of routes) {
      const label = `${route.method} ${route.path}`;
      expect(route.permission === "public" || route.permission in PERMISSIONS, `${label} permission`).toBe(true);
      expect(route.response, `${label} response schema`).toBeInstanceOf(z.ZodType);
      for (const name of route.path.matchAll(/\{(\w+)\}/g)) expect(route.params?.[name[1]], `${label} schema of {${name[1]}}`).toBeDefined();
    }
  });
});

describe("the OpenAPI document", () => {
  it("describes exactly the routes that exist, each with its permission and success response schema", async () => {
    const doc = await openApiDocument("http://localhost:3000");
    const operations = Object.entries(doc.paths).flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })));
    expect(operations.map((o) => o.key).sort()).toEqual(operationsOnDisk().sort());
    for (const { key, op } of operations) {
      expect(op["x-plumbline-permission"], key).toBeTruthy();
      const success = Object.entries(op.responses).find(([status]) => status.startsWith("2"));
      expect(success, `${key} success response`).toBeDefined();
      const content = success![1].content;
      expect(Object.values(content).length, `${key} success content`).toBeGreaterThan(0);
      for (const media of Object.values(content)) expect(media.schema, `${key} success schema`).toBeTruthy();
    }
  });

  it("is OpenAPI 3.1 with a request body schema for every write that takes one", async () => {
    const doc = await openApiDocument("http://localhost:3000");
    expect(doc.openapi).toBe("3.1.0");
    const ingest = doc.paths["/ingest/metrics"].post as unknown as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } };
    };
    const points = ingest.requestBody.content["application/json"].schema.properties.points as { maxItems: number; items: { required: string[] } };
    expect(points.maxItems).toBe(10_000);
    expect(points.items.required).toEqual(expect.arrayContaining(["model", "version", "metric", "ts", "value"]));
  });

  it("names each operation's permission, path parameters and answer", async () => {
    const doc = await openApiDocument("http://localhost:3000");
    const approve = doc.paths["/promotions/{id}/approve"].post;
    expect(approve["x-plumbline-permission"]).toBe("promotion.decide");
    expect(approve.description).toContain("promotion.decide");
    expect(approve.parameters).toContainEqual(expect.objectContaining({ name: "id", in: "path", schema: expect.objectContaining({ format: "uuid" }) }));
    const answer = approve.responses[200].content["application/json"].schema as { properties: Record<string, unknown> };
    expect(Object.keys(answer.properties)).toEqual(expect.arrayContaining(["id", "status", "gates", "approvals"]));
    expect(doc.paths["/openapi.json"].get["x-plumbline-permission"]).toBe("public");
    expect(Object.keys(doc.paths["/audit/export"].get.responses[200].content)).toEqual(["text/csv; charset=utf-8", "application/x-ndjson"]);
  });
});
