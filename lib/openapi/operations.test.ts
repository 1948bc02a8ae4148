import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";
import { OPERATIONS } from "./operations";

const API_ROOT = path.resolve(__dirname, "..", "..", "app", "api", "v1");

/** "GET /models/{name}" for every exported handler of every route file (the document itself aside). */
function routesOnDisk(dir = API_ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routesOnDisk(full);
    if (entry.name !== "route.ts") return [];
    const route = "/" + path.relative(API_ROOT, path.dirname(full)).split(path.sep).join("/");
    if (route === "/openapi.json") return [];
    const source = fs.readFileSync(full, "utf8");
    return [...source.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g)].map(
      (m) => `${m[1]} ${route.replace(/\[(\w+)\]/g, "{$1}")}`,
    );
  });
}

describe("the OpenAPI document", () => {
  it("describes exactly the routes that exist", () => {
    const documented = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort();
    expect(documented).toEqual(routesOnDisk().sort());
  });

  it("is OpenAPI 3.1 with a request body schema for every write that takes one", () => {
    const doc = openApiDocument("http://localhost:3000");
    expect(doc.openapi).toBe("3.1.0");
    const ingest = doc.paths["/ingest/metrics"].post as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } };
    };
    const points = ingest.requestBody.content["application/json"].schema.properties.points as { maxItems: number; items: { required: string[] } };
    expect(points.maxItems).toBe(10_000);
    expect(points.items.required).toEqual(expect.arrayContaining(["model", "version", "metric", "ts", "value"]));
  });

  it("names each operation's permission and path parameters", () => {
    const doc = openApiDocument("http://localhost:3000");
    const approve = doc.paths["/promotions/{id}/approve"].post as { description: string; parameters: { name: string; in: string }[] };
    expect(approve.description).toContain("promotion.decide");
    expect(approve.parameters).toContainEqual(expect.objectContaining({ name: "id", in: "path" }));
  });
});
