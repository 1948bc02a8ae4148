import { modelNameParam, versionParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { producingRun } from "@/lib/pipelines/queries";
import { producingRunSchema } from "@/lib/pipelines/schemas";
import { getVersion } from "@/lib/registry/queries";

/** The lineage link read from the version's side: the pipeline run that produced it, or null. */
export const GET = defineRoute({
  method: "GET",
  path: "/models/{name}/versions/{version}/producing-run",
  tag: "Pipelines",
  summary: "The pipeline run that produced this version, if any",
  permission: "dashboards.read",
  params: { name: modelNameParam, version: versionParam },
  response: producingRunSchema,
  handler: async ({ db, params }) => {
    await getVersion(db, params.name, params.version);
    return { producing_run: await producingRun(db, params.name, params.version) };
  },
});
