import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/db";

/** The metric names a model has data for, read from the hourly rollups (small, and kept forever). */
export async function storedMetricNames(db: Db, modelName: string): Promise<string[]> {
  const rows = await queryRows<{ metric: string }>(
    db,
    sql`select distinct r.metric from metric_rollups r
        join model_versions v on v.id = r.model_version_id join models m on m.id = v.model_id
        where m.name = ${modelName} and r.resolution_seconds = 3600 order by 1`,
  );
  return rows.map((r) => r.metric);
}
