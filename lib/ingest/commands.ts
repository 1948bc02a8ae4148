import "server-only";
import type { DbOrTx } from "@/lib/db";
import { storePoints } from "@/lib/metrics/commands";
import { resolveVersionIds, lookupVersions } from "./queries";
import { MAX_POINTS_PER_BATCH, type MetricPointInput } from "./schemas";
import { Invalid, TooLarge } from "@/lib/errors";
import type { Random } from "@/lib/drift/reservoir";
import type { IngestFeaturesInput } from "@/lib/drift/schemas";
import { storeFeatureRecords } from "@/lib/drift/commands";
import { convertOtlpMetrics, type OtlpMetricsRequest } from "./otlp";

/** Stores a validated batch whole or not at all; answers how many points were accepted. */
export async function ingestMetricPoints(db: DbOrTx, points: MetricPointInput[]): Promise<{ accepted: number }> {
  return db.transaction(async (tx) => {
    const ids = await resolveVersionIds(tx, points, (i) => `points[${i}]`);
    await storePoints(
      tx,
      points.map((p, i) => ({ versionId: ids[i], metric: p.metric, ts: new Date(p.ts), value: p.value, labels: p.labels ?? {} })),
    );
    return { accepted: points.length };
  });
}

/** Stores a validated batch of feature records whole or not at all; answers how many were accepted. */
export async function ingestFeatureRecords(db: DbOrTx, input: IngestFeaturesInput, random?: Random): Promise<{ accepted: number }> {
  return db.transaction(async (tx) => {
    const [versionId] = await resolveVersionIds(tx, [{ model: input.model, version: input.version }], () => "").catch((error: unknown) => {
      // The batch names one model and version at its top level: report `model` or `version`, not `.model`.
      if (!(error instanceof Invalid)) throw error;
      throw new Invalid(
        error.details.map((d) => ({ ...d, path: d.path.replace(/^\./, "") })),
        error.message,
      );
    });
    await storeFeatureRecords(tx, versionId, input.records, random);
    return { accepted: input.records.length };
  });
}

/** What an OTLP collector answers: empty when everything was accepted. */
export interface OtlpExportResponse {
  partialSuccess?: { rejectedDataPoints: number; errorMessage: string };
}

/**
 * Stores an OTLP export as a collector would: points it cannot attribute to a registered model
 * version are rejected and counted (`partialSuccess`), the rest are stored in one transaction.
 * An export that converts to more points than one batch may hold is refused whole (413).
 */
export async function ingestOtlpMetrics(db: DbOrTx, request: OtlpMetricsRequest): Promise<OtlpExportResponse> {
  const conversion = convertOtlpMetrics(request);
  // The same cap as a JSON batch, counted after conversion: one histogram point becomes up to seven.
  if (conversion.points.length > MAX_POINTS_PER_BATCH) {
    throw new TooLarge(`The export converts to ${conversion.points.length} points; at most ${MAX_POINTS_PER_BATCH} are accepted at once`);
  }
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
