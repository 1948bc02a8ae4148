import { defineRoute } from "@/lib/api/route";
import { recordRunReport } from "@/lib/pipelines/commands";
import { pipelineRunToReport } from "@/lib/pipelines/reports";
import { pipelineRunSchema, runRecordedSchema } from "@/lib/pipelines/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/ingest/pipeline-runs",
  tag: "Ingestion",
  summary: "Report a pipeline run; upserted by (pipeline, run_id), in any order",
  permission: "ingest",
  body: pipelineRunSchema,
  response: runRecordedSchema,
  status: 202,
  idempotent: true,
  handler: ({ tx, body }) => recordRunReport(tx, pipelineRunToReport(body), new Date()),
});
