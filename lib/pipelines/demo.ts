import "server-only";
import { SYSTEM_CALLER } from "@/lib/auth/caller";
import type { Db } from "@/lib/db";
import type { SimulatorTick } from "@/lib/demo/simulator";
import { setExpectation, recordRunReport } from "./commands";
import type { RunReport } from "./reports";
import type { ModelVersionRef } from "./schemas";
import type { RunCheck } from "@/drizzle/schema/pipelines";

const MIN = 60_000;

/** The healthy one: on a 15-minute schedule, kept running by the live simulator. */
export const HEALTHY_PIPELINE = { namespace: "airflow", job: "fraud_features", every: 15 * MIN, durationMs: 3 * MIN };
const HEALTHY_NAME = `${HEALTHY_PIPELINE.namespace}/${HEALTHY_PIPELINE.job}`;
// One run id per 15-minute slot, shared by the seed and the simulator so that they never double a run.
const slotRunId = (slot: number) => `${HEALTHY_PIPELINE.job}-${slot}`;

// Deterministic wobble, so every demo looks the same.
const wobble = (i: number, amplitude: number) => Math.round(Math.sin(i * 1.7) * amplitude);

interface DemoRun {
  finishedAgoMs: number;
  durationMs: number;
  status: "succeeded" | "failed";
  rowsOut: number;
  checks?: RunCheck[];
  error?: string;
  produces?: ModelVersionRef;
}

interface DemoPipeline {
  name: string;
  owner: string;
  expectedEverySeconds: number;
  graceSeconds: number;
  runs: DemoRun[];
}

/** `count` runs every `everyMs`, the newest finishing `newestAgoMs` ago. */
function schedule(count: number, everyMs: number, newestAgoMs: number, rows: number, durationMs: number): DemoRun[] {
  return Array.from({ length: count }, (_, i) => ({
    finishedAgoMs: newestAgoMs + (count - 1 - i) * everyMs,
    durationMs: durationMs + wobble(i, durationMs / 10),
    status: "succeeded" as const,
    rowsOut: rows + wobble(i, rows / 20),
    checks: [
      { name: "null_rate", passed: true, observed: 0.002 },
      { name: "row_count_min", passed: true, observed: rows },
    ],
  }));
}

function demoPipelines(now: number): DemoPipeline[] {
  // The healthy one's last finished slot: its runs start on the quarter hour and take 3 minutes.
  const slotStart = Math.floor(now / HEALTHY_PIPELINE.every) * HEALTHY_PIPELINE.every;
  const lastFinish =
    now >= slotStart + HEALTHY_PIPELINE.durationMs ? slotStart + HEALTHY_PIPELINE.durationMs : slotStart - HEALTHY_PIPELINE.every + HEALTHY_PIPELINE.durationMs;
  const healthy = schedule(96, HEALTHY_PIPELINE.every, now - lastFinish, 48_000, HEALTHY_PIPELINE.durationMs);
  healthy[healthy.length - 24].produces = { model: "fraud-detector", version: "v4" };

  const churn = schedule(12, 60 * MIN, 80 * MIN, 210_000, 11 * MIN);
  churn.push({
    finishedAgoMs: 20 * MIN,
    durationMs: 9 * MIN,
    status: "failed",
    rowsOut: 208_000,
    checks: [
      { name: "null_rate(tenure_months)", passed: false, observed: 0.18 },
      { name: "row_count_min", passed: true, observed: 208_000 },
    ],
    error:
      "DataQualityError: 1 of 2 checks failed; refusing to publish churn_training_v2.\nUpstream CRM export dropped tenure_months for EU accounts since 14:00 UTC.",
  });

  const credit = schedule(12, 60 * MIN, 70 * MIN, 120_000, 6 * MIN);
  credit.push({ finishedAgoMs: 10 * MIN, durationMs: 40_000, status: "succeeded", rowsOut: 37, checks: [{ name: "null_rate", passed: true, observed: 0 }] });

  return [
    { name: HEALTHY_NAME, owner: "payments-ml", expectedEverySeconds: 15 * 60, graceSeconds: 5 * 60, runs: healthy },
    { name: "churn-training-data", owner: "growth-ml", expectedEverySeconds: 3600, graceSeconds: 10 * 60, runs: churn },
    // Ran every 15 minutes, then silently stopped two hours ago: nothing failed, nothing arrived.
    {
      name: "search-clickstream-ingest",
      owner: "search-relevance",
      expectedEverySeconds: 15 * 60,
      graceSeconds: 5 * 60,
      runs: schedule(40, 15 * MIN, 120 * MIN, 1_200_000, 4 * MIN),
    },
    { name: "credit-bureau-sync", owner: "risk-analytics", expectedEverySeconds: 3600, graceSeconds: 15 * 60, runs: credit },
  ];
}

/** The demo's pipelines, seeded through the same upsert and expectation functions the API uses. */
export async function seedDemoPipelines(db: Db, now: Date): Promise<void> {
  for (const pipeline of demoPipelines(now.getTime())) {
    await db.transaction(async (tx) => {
      for (const run of pipeline.runs) {
        const finishedAt = new Date(now.getTime() - run.finishedAgoMs);
        const report: RunReport = {
          pipeline: pipeline.name,
          runId:
            pipeline.name === HEALTHY_NAME
              ? slotRunId(Math.floor(finishedAt.getTime() / HEALTHY_PIPELINE.every))
              : `scheduled__${new Date(finishedAt.getTime() - run.durationMs).toISOString().slice(0, 16)}`,
          status: run.status,
          startedAt: new Date(finishedAt.getTime() - run.durationMs),
          finishedAt,
          rowsIn: Math.round(run.rowsOut * 1.04),
          rowsOut: run.rowsOut,
          error: run.error ?? null,
          checks: run.checks ?? null,
          produces: run.produces ?? null,
          producesPath: "produces",
        };
        await recordRunReport(tx, report, finishedAt);
      }
    });
    await setExpectation(
      db,
      pipeline.name,
      { expected_every_seconds: pipeline.expectedEverySeconds, grace_seconds: pipeline.graceSeconds, owner: pipeline.owner },
      SYSTEM_CALLER,
      now,
    );
  }
}

const sent = new Set<string>();

/**
 * Keeps the healthy pipeline on its 15-minute schedule through the public API: each slot's run
 * starts on the quarter hour and finishes three minutes later. Even slots report as OpenLineage
 * events, odd slots through /ingest/pipeline-runs, so both doors stay exercised.
 */
export const pipelineTick: SimulatorTick = async (client, now) => {
  const slot = Math.floor(now.getTime() / HEALTHY_PIPELINE.every);
  const startedAt = new Date(slot * HEALTHY_PIPELINE.every);
  const finishedAt = new Date(startedAt.getTime() + HEALTHY_PIPELINE.durationMs);
  const phase = now >= finishedAt ? "finished" : "started";
  const key = `${slot}:${phase}`;
  if (sent.has(key)) return;
  const runId = slotRunId(slot);
  const rows = 48_000 + wobble(slot, 2400);
  const res =
    slot % 2 === 0
      ? await client.post("/api/v1/lineage", {
          eventType: phase === "finished" ? "COMPLETE" : "START",
          eventTime: (phase === "finished" ? finishedAt : startedAt).toISOString(),
          run: { runId },
          job: { namespace: HEALTHY_PIPELINE.namespace, name: HEALTHY_PIPELINE.job },
          inputs: [{ namespace: "s3://raw", name: "card_transactions", inputFacets: { inputStatistics: { rowCount: Math.round(rows * 1.04) } } }],
          outputs:
            phase === "finished"
              ? [
                  {
                    namespace: "s3://features",
                    name: "fraud_features",
                    outputFacets: { outputStatistics: { rowCount: rows } },
                    facets: { dataQualityAssertions: { assertions: [{ assertion: "null_rate", success: true, failures: 0 }] } },
                  },
                ]
              : [],
          producer: "https://plumbline.example/demo-simulator",
          schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
        })
      : await client.post("/api/v1/ingest/pipeline-runs", {
          pipeline: HEALTHY_NAME,
          run_id: runId,
          status: phase === "finished" ? "succeeded" : "running",
          started_at: startedAt.toISOString(),
          ...(phase === "finished"
            ? {
                finished_at: finishedAt.toISOString(),
                rows_in: Math.round(rows * 1.04),
                rows_out: rows,
                checks: [{ name: "null_rate", passed: true, observed: 0.002 }],
              }
            : {}),
        });
  if (res.ok) sent.add(key);
};
