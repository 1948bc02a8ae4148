import { z } from "zod";
import { rfc3339 } from "@/lib/api/fields";
import type { RunReport } from "./reports";
import { modelVersionRefSchema, pipelineNameSchema, rowCount } from "./schemas";
import type { RunCheck } from "@/drizzle/schema/pipelines";

/**
 * OpenLineage RunEvents (https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent) as
 * Airflow, Dagster, dbt and Spark send them. Only the parts Plumbline reads are checked; every
 * other facet passes through untouched, so new producers and custom facets never cause a 422.
 *
 * What is read:
 * - `job.namespace` + "/" + `job.name` is the pipeline; `run.runId` the run.
 * - START, RUNNING → running (START's eventTime is the start); COMPLETE → succeeded, FAIL and
 *   ABORT → failed (their eventTime is the finish); OTHER carries facets but no change of state.
 * - `run.facets.errorMessage.message` is the error.
 * - rows in: the sum of the inputs' `inputFacets.inputStatistics.rowCount` (or
 *   `inputFacets.dataQualityMetrics.rowCount`); rows out: the sum of the outputs'
 *   `outputFacets.outputStatistics.rowCount`.
 * - checks: every `facets.dataQualityAssertions.assertions[]` of an input or output, named
 *   `<assertion>(<column>) on <dataset>`, observed = its `failures`.
 * - produces: the first output dataset with the custom facet
 *   `"plumbline_produces": {"model": "<model>", "version": "<version>"}`: the same shape as the
 *   `produces` field of /ingest/pipeline-runs, under OpenLineage's producer-prefixed facet naming.
 */
const EVENT_TYPES = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"] as const;

const assertionSchema = z.looseObject({
  assertion: z.string().min(1).max(200),
  success: z.boolean(),
  column: z.string().max(200).optional(),
  failures: z.number().optional(),
});

const datasetFacetsSchema = z.looseObject({
  dataQualityAssertions: z.looseObject({ assertions: z.array(assertionSchema).max(500) }).optional(),
  plumbline_produces: modelVersionRefSchema.optional(),
});

const datasetSchema = z.looseObject({
  namespace: z.string().max(1000),
  name: z.string().max(1000),
  facets: datasetFacetsSchema.optional(),
});

const statisticsSchema = z.looseObject({ rowCount: rowCount.optional() });

const inputSchema = datasetSchema.extend({
  inputFacets: z.looseObject({ inputStatistics: statisticsSchema.optional(), dataQualityMetrics: statisticsSchema.optional() }).optional(),
});

const outputSchema = datasetSchema.extend({ outputFacets: z.looseObject({ outputStatistics: statisticsSchema.optional() }).optional() });

export const runEventSchema = z
  .looseObject({
    eventType: z.enum(EVENT_TYPES),
    eventTime: rfc3339,
    run: z.looseObject({
      runId: z.string().min(1).max(255),
      facets: z.looseObject({ errorMessage: z.looseObject({ message: z.string().max(20_000) }).optional() }).optional(),
    }),
    job: z.looseObject({ namespace: z.string().min(1).max(200), name: z.string().min(1).max(254) }),
    inputs: z.array(inputSchema).max(1000).optional(),
    outputs: z.array(outputSchema).max(1000).optional(),
  })
  .superRefine((event, ctx) => {
    const pipeline = pipelineNameSchema.safeParse(`${event.job.namespace}/${event.job.name}`);
    if (!pipeline.success) ctx.addIssue({ code: "custom", path: ["job", "name"], message: `namespace/name ${pipeline.error.issues[0].message}` });
  });

export type RunEvent = z.infer<typeof runEventSchema>;

function sumOrNull(values: (number | undefined)[]): number | null {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

function assertionsOf(dataset: z.infer<typeof datasetSchema>): RunCheck[] {
  return (dataset.facets?.dataQualityAssertions?.assertions ?? []).map((a) => ({
    name: `${a.assertion}${a.column ? `(${a.column})` : ""} on ${dataset.name}`,
    passed: a.success,
    observed: a.failures ?? null,
  }));
}

/** One OpenLineage RunEvent as a report about one run of one pipeline. */
export function runEventToReport(event: RunEvent): RunReport {
  const at = new Date(event.eventTime);
  const inputs = event.inputs ?? [];
  const outputs = event.outputs ?? [];
  const status = { START: "running", RUNNING: "running", COMPLETE: "succeeded", FAIL: "failed", ABORT: "failed", OTHER: null } as const;
  const finished = event.eventType === "COMPLETE" || event.eventType === "FAIL" || event.eventType === "ABORT";
  const producing = outputs.findIndex((o) => o.facets?.plumbline_produces);
  const checks = [...inputs, ...outputs].flatMap(assertionsOf);
  return {
    pipeline: `${event.job.namespace}/${event.job.name}`,
    runId: event.run.runId,
    status: status[event.eventType],
    startedAt: event.eventType === "START" ? at : null,
    finishedAt: finished ? at : null,
    rowsIn: sumOrNull(inputs.map((i) => i.inputFacets?.inputStatistics?.rowCount ?? i.inputFacets?.dataQualityMetrics?.rowCount)),
    rowsOut: sumOrNull(outputs.map((o) => o.outputFacets?.outputStatistics?.rowCount)),
    error: event.run.facets?.errorMessage?.message ?? (event.eventType === "ABORT" ? "aborted" : null),
    checks: checks.length ? checks : null,
    produces: producing >= 0 ? outputs[producing].facets!.plumbline_produces! : null,
    producesPath: producing >= 0 ? `outputs[${producing}].facets.plumbline_produces` : "outputs",
  };
}
