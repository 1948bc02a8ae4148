import { z } from "zod";
import { routeDefinitions } from "@/lib/api/registry";
import type { RouteDescription } from "@/lib/api/route";
import { PERMISSIONS } from "@/lib/auth/permissions";

const ERROR = {
  description: "The contract's error shape",
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: {
              code: { type: "string" },
              message: { type: "string" },
              details: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
            },
          },
        },
      },
    },
  },
};

const ERROR_STATUSES = ["400", "401", "403", "404", "409", "413", "415", "422", "429"];

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  // Inside an OpenAPI document the dialect is implied; drop the standalone $schema marker.
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  delete generated.$schema;
  return generated;
}

function queryParameters(schema: z.ZodType) {
  const { properties = {}, required = [] } = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(properties).map(([name, s]) => ({ name, in: "query", required: required.includes(name), schema: s }));
}

function pathParameters(route: RouteDescription) {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
    const schema = route.params?.[name];
    return { name, in: "path", required: true, schema: schema ? jsonSchema(schema) : { type: "string" } };
  });
}

function whoMay(route: RouteDescription): string {
  if (route.permission === "public") return "Public: no credentials needed.";
  const rule: { roles: readonly string[]; scope?: string } = PERMISSIONS[route.permission];
  const who = [rule.roles.length ? `roles: ${rule.roles.join(", ")}` : null, rule.scope ? `API key scope: ${rule.scope}` : null].filter(Boolean).join("; ");
  return `Permission \`${route.permission}\` (${who || "nobody"}).`;
}

function successContent(route: RouteDescription) {
  const schema = jsonSchema(route.response, "output");
  const types = route.contentType ? route.contentType.split(/,\s*(?=[a-z]+\/)/) : ["application/json"];
  return Object.fromEntries(types.map((type) => [type, { schema }]));
}

function operationObject(route: RouteDescription) {
  const open = route.permission === "public";
  return {
    summary: route.summary,
    tags: [route.tag],
    description: whoMay(route),
    "x-plumbline-permission": route.permission,
    parameters: [
      ...pathParameters(route),
      ...(route.query ? queryParameters(route.query) : []),
      ...(route.idempotent ? [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } }] : []),
    ],
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body) } } } } : {}),
    responses: {
      [route.status ?? 200]: { description: "Success", content: successContent(route) },
      ...Object.fromEntries((open ? [] : ERROR_STATUSES).map((s) => [s, ERROR])),
    } as Record<string, { description: string; content: Record<string, { schema: unknown }> }>,
    security: open ? [] : [{ bearer: [] }, { session: [] }],
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the route definitions themselves. */
export async function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, ReturnType<typeof operationObject>>> = {};
  for (const route of await routeDefinitions()) (paths[route.path] ??= {})[route.method.toLowerCase()] = operationObject(route);
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "Plumbline API",
      version: "1",
      description: "Observability and governance for ML systems: registry, ingestion (HTTP, OTLP, OpenLineage), drift, pipelines, governance, audit.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key: `Authorization: Bearer plb_…`" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in person's session" },
      },
    },
    paths,
  };
}
