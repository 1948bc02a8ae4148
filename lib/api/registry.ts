import type { DefinedRoute, RouteDescription } from "./route";

/**
 * Every /api/v1 route file, one line each, sorted by path. The OpenAPI document, /api-docs and the
 * authorization-matrix test read the route definitions from here; a unit test fails when this list
 * and the route files on disk differ, or when a file exports anything but definitions. Adding a
 * route file is adding its line here.
 */
export const ROUTE_FILES: readonly (() => Promise<Record<string, unknown>>)[] = [
  () => import("@/app/api/v1/alert-rules/[id]/route"),
  () => import("@/app/api/v1/alert-rules/[id]/silence/route"),
  () => import("@/app/api/v1/alert-rules/route"),
  () => import("@/app/api/v1/audit/export/route"),
  () => import("@/app/api/v1/audit/route"),
  () => import("@/app/api/v1/audit/verify/route"),
  () => import("@/app/api/v1/drift/compare/route"),
  () => import("@/app/api/v1/drift/route"),
  () => import("@/app/api/v1/fleet/route"),
  () => import("@/app/api/v1/incidents/[id]/ack/route"),
  () => import("@/app/api/v1/incidents/[id]/notes/route"),
  () => import("@/app/api/v1/incidents/[id]/resolve/route"),
  () => import("@/app/api/v1/incidents/[id]/route"),
  () => import("@/app/api/v1/incidents/route"),
  () => import("@/app/api/v1/ingest/features/route"),
  () => import("@/app/api/v1/ingest/labels/route"),
  () => import("@/app/api/v1/ingest/metrics/route"),
  () => import("@/app/api/v1/ingest/pipeline-runs/route"),
  () => import("@/app/api/v1/ingest/predictions/route"),
  () => import("@/app/api/v1/keys/[id]/route"),
  () => import("@/app/api/v1/keys/route"),
  () => import("@/app/api/v1/lineage/route"),
  () => import("@/app/api/v1/me/password/route"),
  () => import("@/app/api/v1/me/route"),
  () => import("@/app/api/v1/models/[name]/drift-settings/route"),
  () => import("@/app/api/v1/models/[name]/drift/features/[feature]/route"),
  () => import("@/app/api/v1/models/[name]/drift/route"),
  () => import("@/app/api/v1/models/[name]/metrics/route"),
  () => import("@/app/api/v1/models/[name]/quality/route"),
  () => import("@/app/api/v1/models/[name]/rollback/route"),
  () => import("@/app/api/v1/models/[name]/route"),
  () => import("@/app/api/v1/models/[name]/stages/route"),
  () => import("@/app/api/v1/models/[name]/versions/[version]/producing-run/route"),
  () => import("@/app/api/v1/models/[name]/versions/[version]/reference/route"),
  () => import("@/app/api/v1/models/[name]/versions/route"),
  () => import("@/app/api/v1/models/route"),
  () => import("@/app/api/v1/openapi.json/route"),
  () => import("@/app/api/v1/otlp/v1/metrics/route"),
  () => import("@/app/api/v1/pipelines/[name]/route"),
  () => import("@/app/api/v1/pipelines/route"),
  () => import("@/app/api/v1/policies/[target_stage]/route"),
  () => import("@/app/api/v1/policies/route"),
  () => import("@/app/api/v1/promotions/[id]/approve/route"),
  () => import("@/app/api/v1/promotions/[id]/reject/route"),
  () => import("@/app/api/v1/promotions/[id]/route"),
  () => import("@/app/api/v1/promotions/[id]/waive/route"),
  () => import("@/app/api/v1/promotions/[id]/withdraw/route"),
  () => import("@/app/api/v1/promotions/preview/route"),
  () => import("@/app/api/v1/promotions/route"),
  () => import("@/app/api/v1/reviews/[id]/ack/route"),
  () => import("@/app/api/v1/reviews/route"),
  () => import("@/app/api/v1/users/[id]/password-reset/route"),
  () => import("@/app/api/v1/users/[id]/route"),
  () => import("@/app/api/v1/users/route"),
  () => import("@/app/api/v1/webhooks/[id]/deliveries/route"),
  () => import("@/app/api/v1/webhooks/[id]/route"),
  () => import("@/app/api/v1/webhooks/[id]/test/route"),
  () => import("@/app/api/v1/webhooks/route"),
];

/** The HTTP methods a route file may export; anything else it exports is not a handler. */
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export function isDefinedRoute(value: unknown): value is DefinedRoute {
  return typeof value === "function" && typeof (value as Partial<DefinedRoute>).definition === "object";
}

/** Every route's definition, in file order: what each answers, to whom, with which schemas. */
export async function routeDefinitions(): Promise<RouteDescription[]> {
  const modules = await Promise.all(ROUTE_FILES.map((load) => load()));
  return modules.flatMap((module) =>
    ROUTE_METHODS.flatMap((method) => {
      const exported = module[method];
      if (exported === undefined) return [];
      if (!isDefinedRoute(exported)) throw new Error(`a route file exports ${method} that defineRoute did not build`);
      return [exported.definition];
    }),
  );
}
