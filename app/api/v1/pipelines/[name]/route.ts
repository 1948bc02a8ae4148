import { z } from "zod";
import { parseBody, validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { setExpectation } from "@/lib/pipelines/commands";
import { getPipeline } from "@/lib/pipelines/queries";
import { expectationSchema, pipelineNameSchema, runsPageSchema } from "@/lib/pipelines/schemas";

// `name` arrives decoded: an OpenLineage pipeline `namespace/job` is addressed as `namespace%2Fjob`.
export const GET = withAuth<{ name: string }>("dashboards.read", async ({ req, db, params }) => {
  const page = validate(runsPageSchema, Object.fromEntries(req.nextUrl.searchParams));
  return Response.json(await getPipeline(db, params.name, new Date(), page));
});

export const PUT = withAuth<{ name: string }>("settings.write", async ({ req, db, params, by }) => {
  const { name } = validate(z.object({ name: pipelineNameSchema }), { name: params.name });
  const input = await parseBody(req, expectationSchema);
  return Response.json(await setExpectation(db, name, input, by, new Date()));
});
