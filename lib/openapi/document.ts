import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { OPERATIONS, type Operation } from "./operations";

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

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  // Inside an OpenAPI document the dialect is implied; drop the standalone $schema marker.
  const generated = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete generated.$schema;
  return generated;
}

function queryParameters(schema: z.ZodType) {
  const { properties = {}, required = [] } = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(properties).map(([name, s]) => ({ name, in: "query", required: required.includes(name), schema: s }));
}

function operationObject(op: Operation) {
  const rule: { roles: readonly string[]; scope?: string } = PERMISSIONS[op.permission];
  const who = [rule.roles.length ? `roles: ${rule.roles.join(", ")}` : null, rule.scope ? `API key scope: ${rule.scope}` : null].filter(Boolean).join("; ");
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  return {
    summary: op.summary,
    tags: [op.tag],
    description: `Permission \`${op.permission}\` (${who || "nobody"}).`,
    parameters: [
      ...pathParams,
      ...(op.query ? queryParameters(op.query) : []),
      ...(op.idempotent ? [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } }] : []),
    ],
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body) } } } } : {}),
    responses: {
      [op.success]: { description: "Success" },
      ...Object.fromEntries(["400", "401", "403", "404", "409", "413", "415", "422", "429"].map((s) => [s, ERROR])),
    },
    security: [{ bearer: [] }, { session: [] }],
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the handlers' own schemas. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: "3.1.0",
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
