import { defineRoute } from "@/lib/api/route";
import { recordRunReport } from "@/lib/pipelines/commands";
import { runEventSchema, runEventToReport } from "@/lib/pipelines/openlineage";
import { runRecordedSchema } from "@/lib/pipelines/schemas";

/** The OpenLineage HTTP transport's endpoint: one RunEvent per request. */
export const POST = defineRoute({
  method: "POST",
  path: "/lineage",
  tag: "Ingestion",
  summary: "An OpenLineage RunEvent (START, RUNNING, COMPLETE, FAIL, ABORT); namespace/name is the pipeline",
  permission: "ingest",
  body: runEventSchema,
  response: runRecordedSchema,
  status: 202,
  idempotent: true,
  handler: ({ tx, body }) => recordRunReport(tx, runEventToReport(body), new Date()),
});
