import "server-only";
import { ApiError, apiError } from "@/lib/api/errors";
import type { DbOrTx } from "@/lib/db";
import type { Random } from "@/lib/drift/reservoir";
import type { IngestFeaturesInput } from "@/lib/drift/schemas";
import { storeFeatureRecords } from "@/lib/drift/store";
import { resolveVersionIds } from "./resolve-versions";

/** Stores a validated batch of feature records whole or not at all; answers how many were accepted. */
export async function ingestFeatureRecords(db: DbOrTx, input: IngestFeaturesInput, random?: Random): Promise<{ accepted: number }> {
  return db.transaction(async (tx) => {
    const [versionId] = await resolveVersionIds(tx, [{ model: input.model, version: input.version }], () => "").catch((error: unknown) => {
      // The batch names one model and version at its top level: report `model` or `version`, not `.model`.
      if (!(error instanceof ApiError)) throw error;
      throw apiError(
        error.status,
        error.message,
        error.details?.map((d) => ({ ...d, path: d.path.replace(/^\./, "") })),
      );
    });
    await storeFeatureRecords(tx, versionId, input.records, random);
    return { accepted: input.records.length };
  });
}
