import { withAuth } from "@/lib/api/with-auth";
import { producingRun } from "@/lib/pipelines/queries";
import { getVersion } from "@/lib/registry/queries";

/** The lineage link read from the version's side: the pipeline run that produced it, or null. */
export const GET = withAuth<{ name: string; version: string }>("dashboards.read", async ({ db, params }) => {
  await getVersion(db, params.name, params.version);
  return Response.json({ producing_run: await producingRun(db, params.name, params.version) });
});
