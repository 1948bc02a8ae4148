import { defineRoute } from "@/lib/api/route";
import { listPipelines } from "@/lib/pipelines/queries";
import { pipelineListSchema } from "@/lib/pipelines/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/pipelines",
  tag: "Pipelines",
  summary: "Every pipeline with its status and why, most urgent first",
  permission: "dashboards.read",
  response: pipelineListSchema,
  handler: async ({ db }) => ({ pipelines: await listPipelines(db, new Date()) }),
});
