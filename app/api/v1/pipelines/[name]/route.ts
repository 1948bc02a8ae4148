import { pipelineNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { setExpectation } from "@/lib/pipelines/commands";
import { getPipeline } from "@/lib/pipelines/queries";
import { expectationSchema, pipelineDetailSchema, pipelineSummarySchema, runsPageSchema } from "@/lib/pipelines/schemas";

// `name` arrives decoded: an OpenLineage pipeline `namespace/job` is addressed as `namespace%2Fjob`.
export const GET = defineRoute({
  method: "GET",
  path: "/pipelines/{name}",
  tag: "Pipelines",
  summary: "A pipeline with its runs, newest first, paginated",
  permission: "dashboards.read",
  params: { name: pipelineNameParam },
  query: runsPageSchema,
  response: pipelineDetailSchema,
  handler: ({ db, params, query }) => getPipeline(db, params.name, new Date(), query),
});

export const PUT = defineRoute({
  method: "PUT",
  path: "/pipelines/{name}",
  tag: "Pipelines",
  summary: "Set what on time means: expected_every_seconds, grace_seconds, owner",
  permission: "settings.write",
  params: { name: pipelineNameParam },
  body: expectationSchema,
  response: pipelineSummarySchema,
  handler: ({ db, params, body, caller }) => setExpectation(db, params.name, body, caller, new Date()),
});
