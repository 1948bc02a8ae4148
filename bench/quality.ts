/**
 * Quality at scale on PostgreSQL: GET /models/{name}/quality's own query (qualitySeries) for a
 * 30-day range in day buckets over 1,000,000 labeled predictions, against the same query over
 * 10,000. The cost should grow with the rows read and no faster; the per-bucket cost is stated.
 * Called by bench/run.ts; needs TEST_POSTGRES_URL (or BENCH_POSTGRES_URL).
 */
import { sql } from "drizzle-orm";
import { models, modelVersions } from "@/drizzle/schema";
import { openDatabase } from "@/lib/db/engine";
import { qualitySeries } from "@/lib/quality/queries";
import { createScratchDatabase } from "../test/support/servers";
import { progress, round, scaled } from "./common";

export interface QualityBenchRow {
  metric: string;
  predictions: number;
  buckets: number;
  ms: number;
  ms_per_bucket: number;
  /** Microseconds per prediction read: flat when the cost grows with the data and no faster. */
  us_per_prediction: number;
}

const DAYS = 30;
const SIZES = [scaled(10_000, 1000), scaled(1_000_000, 10_000)];
/** ROC AUC reads every score (and bootstraps its interval); accuracy needs the confusion counts only. */
const METRICS = ["roc_auc", "accuracy"] as const;

export async function benchQuality(postgresUrl = process.env.TEST_POSTGRES_URL ?? process.env.BENCH_POSTGRES_URL): Promise<QualityBenchRow[] | null> {
  if (!postgresUrl) {
    console.log("quality bench skipped: set TEST_POSTGRES_URL to measure it.");
    return null;
  }
  const scratch = await createScratchDatabase(postgresUrl, "benchq");
  const database = await openDatabase({ url: scratch.url, poolSize: 2 });
  try {
    await database.migrate();
    const db = database.db;
    const to = new Date(Date.UTC(2026, 10, 1));
    const from = new Date(to.getTime() - DAYS * 86_400_000);
    const rows: QualityBenchRow[] = [];
    for (const size of SIZES) {
      const name = `bench-quality-${size}`;
      const [model] = await db.insert(models).values({ name, task: "binary_classification", createdBy: "bench" }).returning();
      const [version] = await db.insert(modelVersions).values({ modelId: model.id, version: "v1", createdBy: "bench" }).returning();
      // Spread evenly over the 30 days; the label follows the score, so ROC AUC is defined and high.
      await db.execute(sql`
        insert into predictions (model_id, record_id, model_version_id, ts, prediction, score, label, content_hash)
        select ${model.id}::uuid, 'r' || i, ${version.id}::uuid,
               ${from.toISOString()}::timestamptz + i * ${(DAYS * 86_400) / size}::float8 * interval '1 second',
               case when s > 0.5 then 1 else 0 end, s, case when random() < s then 1 else 0 end, 'bench'
        from (select i, random() as s from generate_series(0, ${size - 1}) as i) as g`);
      await db.execute(sql`analyze predictions`);
      progress(`${size.toLocaleString("en")} labeled predictions loaded`, true);
      for (const metric of METRICS) {
        let best = Infinity;
        // Best of three for the small case, where noise matters; the large one is long enough alone.
        for (let attempt = 0; attempt < (size > 100_000 ? 1 : 3); attempt++) {
          progress(`quality ${metric} over ${size.toLocaleString("en")} predictions…`);
          const started = performance.now();
          const answer = await qualitySeries(db, name, { metric, from, to, bucket: "day" });
          best = Math.min(best, performance.now() - started);
          if (answer.series[0]?.points.length !== DAYS) throw new Error(`expected ${DAYS} buckets, got ${answer.series[0]?.points.length}`);
        }
        rows.push({
          metric,
          predictions: size,
          buckets: DAYS,
          ms: round(best, 1),
          ms_per_bucket: round(best / DAYS, 2),
          us_per_prediction: round((best * 1000) / size, 3),
        });
        progress(
          `quality ${metric}, ${size.toLocaleString("en")} labeled predictions, ${DAYS} day buckets: ${best.toFixed(0)} ms (${(best / DAYS).toFixed(1)} ms a bucket)`,
          true,
        );
      }
    }
    for (const metric of METRICS) {
      const [small, large] = rows.filter((r) => r.metric === metric);
      console.log(
        `quality ${metric}: ${large.predictions / small.predictions}× the data took ${(large.ms / small.ms).toFixed(1)}× the time (per prediction ${small.us_per_prediction} → ${large.us_per_prediction} µs)`,
      );
    }
    return rows;
  } finally {
    await database.close();
    await scratch.drop();
  }
}
