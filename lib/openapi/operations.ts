import * as alertRule from "@/app/api/v1/alert-rules/[id]/route";
import * as alertRuleSilence from "@/app/api/v1/alert-rules/[id]/silence/route";
import * as alertRules from "@/app/api/v1/alert-rules/route";
import * as incidentAck from "@/app/api/v1/incidents/[id]/ack/route";
import * as incidentNotes from "@/app/api/v1/incidents/[id]/notes/route";
import * as incidentResolve from "@/app/api/v1/incidents/[id]/resolve/route";
import * as incident from "@/app/api/v1/incidents/[id]/route";
import * as incidentList from "@/app/api/v1/incidents/route";
import * as webhookDeliveries from "@/app/api/v1/webhooks/[id]/deliveries/route";
import * as webhook from "@/app/api/v1/webhooks/[id]/route";
import * as webhookTest from "@/app/api/v1/webhooks/[id]/test/route";
import * as webhookList from "@/app/api/v1/webhooks/route";
import type { DefinedRoute } from "@/lib/api/route";
import type { z } from "zod";
import { auditExportSchema, auditQuerySchema, auditVerifyQuerySchema } from "@/lib/audit/schemas";
import type { Permission } from "@/lib/auth/permissions";
import { createKeySchema, createUserSchema, updateUserSchema } from "@/lib/auth/schemas";
import { otlpMetricsRequestSchema } from "@/lib/ingest/otlp";
import { ingestMetricsSchema } from "@/lib/ingest/schemas";
import { metricQuerySchema } from "@/lib/metrics/schemas";
import { compareRequestSchema, driftQuerySchema, driftSettingsSchema, ingestFeaturesSchema, referenceUploadSchema } from "@/lib/drift/schemas";
import {
  ackSchema,
  approveSchema,
  createPromotionSchema,
  policySchema,
  promotionListQuery,
  rejectSchema,
  rollbackSchema,
  waiveSchema,
} from "@/lib/governance/schemas";
import { runEventSchema } from "@/lib/pipelines/openlineage";
import { expectationSchema, pipelineRunSchema, runsPageSchema } from "@/lib/pipelines/schemas";
import { ingestLabelsSchema, ingestPredictionsSchema, qualityQuerySchema } from "@/lib/quality/schemas";
import { createModelSchema, createVersionSchema, stagesQuerySchema, updateModelSchema } from "@/lib/registry/schemas";

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
    method: "patch",
    path: "/models/{name}",
    summary: "Change a model's description, owner, task or primary quality metric",
    tag: "Registry",
    permission: "registry.write",
    body: updateModelSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/models/{name}/quality",
    summary: "Realized quality per version and bucket with its 95 % interval, and CBPE's estimate before labels arrive",
    tag: "Quality",
    permission: "dashboards.read",
    query: qualityQuerySchema,
    success: 200,
  },
  {
    method: "post",
    path: "/ingest/predictions",
    summary: "Store a batch of predictions (ids unique per model), whole or not at all; features feed drift",
    tag: "Ingestion",
    permission: "ingest",
    body: ingestPredictionsSchema,
    success: 202,
    idempotent: true,
  },
  {
    method: "post",
    path: "/ingest/labels",
    summary: "Store a batch of ground-truth labels, joined to their predictions by id whichever arrives first",
    tag: "Ingestion",
    permission: "ingest",
    body: ingestLabelsSchema,
    success: 202,
    idempotent: true,
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
    query: stagesQuerySchema,
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
    summary: "OpenTelemetry OTLP/HTTP metrics (JSON, or binary protobuf as application/x-protobuf); answers like a collector, with partialSuccess",
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
    path: "/audit/export",
    summary: "Stream the audit trail as CSV or NDJSON (format=csv|ndjson), filtered as GET /audit",
    tag: "Audit",
    permission: "audit.read",
    query: auditExportSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/audit/verify",
    summary: "Recompute the hash chain and name the first bad entry; with seq and head_hash, prove a published checkpoint still holds",
    tag: "Audit",
    permission: "audit.read",
    query: auditVerifyQuerySchema,
    success: 200,
  },
  {
    method: "post",
    path: "/models/{name}/versions/{version}/reference",
    summary: "Upload the training-time reference sample drift compares against (replaces an earlier one)",
    tag: "Registry",
    permission: "registry.write",
    body: referenceUploadSchema,
    success: 201,
  },
  {
    method: "get",
    path: "/models/{name}/versions/{version}/producing-run",
    summary: "The pipeline run that produced this version, if any",
    tag: "Pipelines",
    permission: "dashboards.read",
    success: 200,
  },
  {
    method: "post",
    path: "/ingest/features",
    summary: "Push up to 10,000 feature records of one version; sampled per hour for drift",
    tag: "Ingestion",
    permission: "ingest",
    body: ingestFeaturesSchema,
    success: 202,
    idempotent: true,
  },
  {
    method: "post",
    path: "/ingest/pipeline-runs",
    summary: "Report a pipeline run; upserted by (pipeline, run_id), in any order",
    tag: "Ingestion",
    permission: "ingest",
    body: pipelineRunSchema,
    success: 202,
    idempotent: true,
  },
  {
    method: "post",
    path: "/lineage",
    summary: "An OpenLineage RunEvent (START, RUNNING, COMPLETE, FAIL, ABORT); namespace/name is the pipeline",
    tag: "Ingestion",
    permission: "ingest",
    body: runEventSchema,
    success: 202,
    idempotent: true,
  },
  {
    method: "get",
    path: "/pipelines",
    summary: "Every pipeline with its status and why, most urgent first",
    tag: "Pipelines",
    permission: "dashboards.read",
    success: 200,
  },
  {
    method: "get",
    path: "/pipelines/{name}",
    summary: "A pipeline with its runs, newest first, paginated",
    tag: "Pipelines",
    permission: "dashboards.read",
    query: runsPageSchema,
    success: 200,
  },
  {
    method: "put",
    path: "/pipelines/{name}",
    summary: "Set what on time means: expected_every_seconds, grace_seconds, owner",
    tag: "Pipelines",
    permission: "settings.write",
    body: expectationSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/drift",
    summary: "The fleet's drift at a glance: models × features",
    tag: "Drift",
    permission: "dashboards.read",
    query: driftQuerySchema,
    success: 200,
  },
  {
    method: "get",
    path: "/models/{name}/drift",
    summary: "Per-feature drift of a version over a time range against its reference",
    tag: "Drift",
    permission: "dashboards.read",
    query: driftQuerySchema,
    success: 200,
  },
  {
    method: "get",
    path: "/models/{name}/drift/features/{feature}",
    summary: "One feature's distributions and daily statistic",
    tag: "Drift",
    permission: "dashboards.read",
    query: driftQuerySchema,
    success: 200,
  },
  {
    method: "get",
    path: "/models/{name}/drift-settings",
    summary: "Stored per-feature drift method and threshold overrides",
    tag: "Drift",
    permission: "dashboards.read",
    success: 200,
  },
  {
    method: "put",
    path: "/models/{name}/drift-settings",
    summary: "Override the drift method or threshold of features (audited)",
    tag: "Drift",
    permission: "settings.write",
    body: driftSettingsSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/drift/compare",
    summary: "Stateless comparison of two samples of one feature, for notebooks and scripts",
    tag: "Drift",
    permission: "dashboards.read",
    body: compareRequestSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/promotions",
    summary: "Promotion requests, optionally by status",
    tag: "Governance",
    permission: "dashboards.read",
    query: promotionListQuery,
    success: 200,
  },
  {
    method: "post",
    path: "/promotions",
    summary: "Request a promotion; gates are evaluated at once",
    tag: "Governance",
    permission: "promotion.request",
    body: createPromotionSchema,
    success: 201,
  },
  {
    method: "get",
    path: "/promotions/{id}",
    summary: "A request with its gates, approvals and events",
    tag: "Governance",
    permission: "dashboards.read",
    success: 200,
  },
  {
    method: "post",
    path: "/promotions/{id}/approve",
    summary: "Approve (never your own request)",
    tag: "Governance",
    permission: "promotion.decide",
    body: approveSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/promotions/{id}/reject",
    summary: "Reject with a reason; ends the request",
    tag: "Governance",
    permission: "promotion.decide",
    body: rejectSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/promotions/{id}/waive",
    summary: "Waive a failing gate with a reason",
    tag: "Governance",
    permission: "gate.waive",
    body: waiveSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/promotions/{id}/withdraw",
    summary: "Withdraw your own open request",
    tag: "Governance",
    permission: "promotion.request",
    success: 200,
  },
  {
    method: "post",
    path: "/models/{name}/rollback",
    summary: "Break-glass: put an earlier version back in production now; opens a review item",
    tag: "Governance",
    permission: "rollback",
    body: rollbackSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/reviews",
    summary: "Break-glass rollbacks and their acknowledgement",
    tag: "Governance",
    permission: "dashboards.read",
    success: 200,
  },
  {
    method: "post",
    path: "/reviews/{id}/ack",
    summary: "Acknowledge a break-glass rollback",
    tag: "Governance",
    permission: "gate.waive",
    body: ackSchema,
    success: 200,
  },
  { method: "get", path: "/policies", summary: "The policy in force for each target stage", tag: "Governance", permission: "dashboards.read", success: 200 },
  {
    method: "put",
    path: "/policies/{target_stage}",
    summary: "Change a stage's policy (makes a new version; open requests keep theirs)",
    tag: "Governance",
    permission: "admin",
    body: policySchema,
    success: 200,
  },
  ...[
    alertRules,
    alertRule,
    alertRuleSilence,
    incidentList,
    incident,
    incidentAck,
    incidentResolve,
    incidentNotes,
    webhookList,
    webhook,
    webhookDeliveries,
    webhookTest,
  ]
    .flatMap((module) => Object.values(module) as DefinedRoute[])
    .map(fromDefinition),
];

/** Routes built with defineRoute describe themselves. */
function fromDefinition({ definition: d }: DefinedRoute): Operation {
  if (d.permission === "public") throw new Error(`${d.path} is public: list it with the public routes`);
  return {
    method: d.method.toLowerCase() as Operation["method"],
    path: d.path,
    summary: d.summary,
    tag: d.tag,
    permission: d.permission,
    body: d.body,
    query: d.query,
    success: d.status ?? 200,
    idempotent: d.idempotent,
  };
}
