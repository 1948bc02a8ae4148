import "server-only";
import type { DbOrTx } from "@/lib/db";
import { storePoints } from "@/lib/metrics/store";
import { resolveVersionIds } from "./resolve-versions";
import type { MetricPointInput } from "./schemas";

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
