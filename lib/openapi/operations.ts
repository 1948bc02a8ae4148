import type { z } from "zod";
import { auditQuerySchema } from "@/lib/audit/schemas";
import type { Permission } from "@/lib/auth/permissions";
import { createKeySchema, createUserSchema, updateUserSchema } from "@/lib/auth/schemas";
import { otlpMetricsRequestSchema } from "@/lib/ingest/otlp";
import { ingestMetricsSchema } from "@/lib/ingest/schemas";
import { metricQuerySchema } from "@/lib/metrics/schemas";
import { createModelSchema, createVersionSchema } from "@/lib/registry/schemas";

/**
 * Every /api/v1 operation with the very zod schemas its handler validates with; the OpenAPI
 * document is generated from this list, and a test checks it against the route files on disk.
 */
export interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Relative to /api/v1, with {param} placeholders. */
  path: string;
  summary: string;
  tag: string;
  permission: Permission;
  body?: z.ZodType;
  query?: z.ZodType;
  success: number;
  idempotent?: boolean;
}

export const OPERATIONS: Operation[] = [
  { method: "get", path: "/me", summary: "Who the caller is: a person's roles or a key's scopes", tag: "Access", permission: "dashboards.read", success: 200 },
  { method: "get", path: "/fleet", summary: "Everything the overview page shows, in one answer", tag: "Reading", permission: "dashboards.read", success: 200 },
  {
    method: "get",
    path: "/models",
    summary: "Models with their production and staging versions and status",
    tag: "Registry",
    permission: "dashboards.read",
    success: 200,
  },
  { method: "post", path: "/models", summary: "Register a model", tag: "Registry", permission: "registry.write", body: createModelSchema, success: 201 },
  {
    method: "get",
    path: "/models/{name}",
    summary: "A model with its versions and stage history",
    tag: "Registry",
    permission: "dashboards.read",
    success: 200,
  },
  {
    method: "post",
    path: "/models/{name}/versions",
    summary: "Register an immutable version (stage none)",
    tag: "Registry",
    permission: "registry.write",
    body: createVersionSchema,
    success: 201,
  },
  {
    method: "get",
    path: "/models/{name}/stages",
    summary: "Which version held production and staging at a moment (as_of, default now)",
    tag: "Registry",
    permission: "dashboards.read",
    success: 200,
  },
  {
    method: "get",
    path: "/models/{name}/metrics",
    summary: "Downsampled min/avg/max/count buckets per version, with promotion and rollback annotations",
    tag: "Reading",
    permission: "dashboards.read",
    query: metricQuerySchema,
    success: 200,
  },
  {
    method: "post",
    path: "/ingest/metrics",
    summary: "Push up to 10,000 metric points; stored whole or not at all",
    tag: "Ingestion",
    permission: "ingest",
    body: ingestMetricsSchema,
    success: 202,
    idempotent: true,
  },
  {
    method: "post",
    path: "/otlp/v1/metrics",
    summary: "OpenTelemetry OTLP/HTTP metrics (JSON); answers like a collector, with partialSuccess",
    tag: "Ingestion",
    permission: "ingest",
    body: otlpMetricsRequestSchema,
    success: 200,
    idempotent: true,
  },
  { method: "get", path: "/users", summary: "People and their roles", tag: "Administration", permission: "admin", success: 200 },
  {
    method: "post",
    path: "/users",
    summary: "Create (or re-enable) a user; answers a one-time password",
    tag: "Administration",
    permission: "admin",
    body: createUserSchema,
    success: 201,
  },
  {
    method: "patch",
    path: "/users/{id}",
    summary: "Change roles or the active flag (the last admin stays; nobody disables themselves)",
    tag: "Administration",
    permission: "admin",
    body: updateUserSchema,
    success: 200,
  },
  { method: "get", path: "/keys", summary: "API keys (prefix, scopes, last use, revocation)", tag: "Administration", permission: "admin", success: 200 },
  {
    method: "post",
    path: "/keys",
    summary: "Create an API key; the full key is shown once",
    tag: "Administration",
    permission: "admin",
    body: createKeySchema,
    success: 201,
  },
  { method: "delete", path: "/keys/{id}", summary: "Revoke a key from the next request on", tag: "Administration", permission: "admin", success: 200 },
  {
    method: "get",
    path: "/audit",
    summary: "Audit entries, newest first, filtered, with a cursor",
    tag: "Audit",
    permission: "audit.read",
    query: auditQuerySchema,
    success: 200,
  },
  {
    method: "get",
    path: "/audit/verify",
    summary: "Recompute the hash chain and name the first bad entry",
    tag: "Audit",
    permission: "audit.read",
    success: 200,
  },
];
