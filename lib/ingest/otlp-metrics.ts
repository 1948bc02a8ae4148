import "server-only";
import type { DbOrTx } from "@/lib/db";
import { storePoints } from "@/lib/metrics/store";
import { convertOtlpMetrics, type OtlpMetricsRequest } from "./otlp";
import { lookupVersions } from "./resolve-versions";

/** What an OTLP collector answers: empty when everything was accepted. */
export interface OtlpExportResponse {
  partialSuccess?: { rejectedDataPoints: number; errorMessage: string };
}

/**
 * Stores an OTLP export as a collector would: points it cannot attribute to a registered model
 * version are rejected and counted (`partialSuccess`), the rest are stored in one transaction.
 */
export async function ingestOtlpMetrics(db: DbOrTx, request: OtlpMetricsRequest): Promise<OtlpExportResponse> {
  const conversion = convertOtlpMetrics(request);
  return db.transaction(async (tx) => {
    const lookup = await lookupVersions(tx, conversion.points);
    const unknown = new Set<string>();
    const stored = conversion.points.flatMap((p) => {
      const versionId = lookup.idOf(p.model, p.version);
      if (!versionId) {
        unknown.add(lookup.hasModel(p.model) ? `unknown version ${p.version} of model ${p.model}` : `unknown model ${p.model}`);
        return [];
      }
      return [{ versionId, metric: p.metric, ts: new Date(p.ts), value: p.value, labels: p.labels }];
    });
    await storePoints(tx, stored);
    const rejected = conversion.rejected + (conversion.points.length - stored.length);
    if (rejected === 0) return {};
    return { partialSuccess: { rejectedDataPoints: rejected, errorMessage: [...conversion.errors, ...unknown].slice(0, 10).join("; ") } };
  });
}
