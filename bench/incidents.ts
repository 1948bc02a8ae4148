/**
 * The alert evaluator's cost per tick with 100 rules (10 models × 10 metric rules, half of them
 * firing), on one day and on a week of one-minute history: rules read the rollups over their
 * window, so the cost must not grow with history. Called by bench/run.ts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SYSTEM_CALLER } from "@/lib/auth/caller";
import { openDatabase, type Database } from "@/lib/db/engine";
import { createRule } from "@/lib/incidents/commands";
import { evaluateRules } from "@/lib/incidents/evaluator";
import { createRuleSchema } from "@/lib/incidents/schemas";
import { ingestMetricPoints } from "@/lib/ingest/commands";
import { createModel, createVersion } from "@/lib/registry/commands";
import { createScratchDatabase } from "../test/support/servers";

const MODELS = 10;
const RULES_PER_MODEL = 10;
const TICKS = 5;
const MINUTE = 60_000;

export interface IncidentBenchRow {
  engine: string;
  rules: number;
  history_days: number;
  /** The median of TICKS steady ticks (after the first, which opens the incidents). */
  ms_per_tick: number;
  first_tick_ms: number;
}

async function seed(database: Database, now: Date, days: number) {
  const { db } = database;
  for (let m = 0; m < MODELS; m++) {
    const model = `bench-${m}`;
    await createModel(db, { name: model }, SYSTEM_CALLER);
    await createVersion(db, model, { version: "v1" }, SYSTEM_CALLER);
    const points = Array.from({ length: days * 24 * 60 }, (_, i) => ({
      model,
      version: "v1",
      metric: "latency_p95_ms",
      ts: new Date(now.getTime() - (i + 1) * MINUTE).toISOString(),
      value: 50 + (i % 17),
    }));
    for (let i = 0; i < points.length; i += 5000) await ingestMetricPoints(db, points.slice(i, i + 5000));
    for (let r = 0; r < RULES_PER_MODEL; r++) {
      await createRule(
        db,
        createRuleSchema.parse({
          name: `${model} rule ${r}`,
          kind: "metric_threshold",
          target: { model, version: "v1" },
          condition: {
            metric: "latency_p95_ms",
            aggregation: ["avg", "max", "min"][r % 3],
            window_seconds: [300, 1800, 3600, 6 * 3600, 24 * 3600][r % 5],
            op: ">",
            // Even rules fire (values run 50–66), odd ones stay clear.
            threshold: r % 2 === 0 ? 40 : 1000,
          },
          severity: "warning",
        }),
        SYSTEM_CALLER,
      );
    }
  }
}

async function measure(database: Database, engine: string, days: number): Promise<IncidentBenchRow> {
  const now = new Date();
  await seed(database, now, days);
  const times: number[] = [];
  let first = 0;
  for (let t = 0; t <= TICKS; t++) {
    const started = performance.now();
    const stats = await evaluateRules(database.db, new Date(now.getTime() + t * 15_000));
    const ms = performance.now() - started;
    if (stats.errors) throw new Error(`${stats.errors} rules failed to evaluate`);
    if (t === 0) first = ms;
    else times.push(ms);
  }
  times.sort((a, b) => a - b);
  const row = {
    engine,
    rules: MODELS * RULES_PER_MODEL,
    history_days: days,
    ms_per_tick: Math.round(times[Math.floor(times.length / 2)]),
    first_tick_ms: Math.round(first),
  };
  console.log(`  ${engine}, ${days} days of history: ${row.ms_per_tick} ms per tick (first tick, opening 50 incidents: ${row.first_tick_ms} ms)`);
  return row;
}

export async function benchIncidents(postgresUrl = process.env.TEST_POSTGRES_URL): Promise<IncidentBenchRow[]> {
  console.log(`\nalert evaluator: ${MODELS * RULES_PER_MODEL} rules, one tick`);
  const rows: IncidentBenchRow[] = [];
  for (const days of [1, 7]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-bench-alerts-"));
    const database = await openDatabase({ dataDir: dir });
    try {
      await database.migrate();
      rows.push(await measure(database, "pglite", days));
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    if (!postgresUrl) continue;
    const scratch = await createScratchDatabase(postgresUrl, "benchalerts");
    const pg = await openDatabase({ url: scratch.url, poolSize: 4 });
    try {
      await pg.migrate();
      rows.push(await measure(pg, "postgres", days));
    } finally {
      await pg.close();
      await scratch.drop();
    }
  }
  return rows;
}
