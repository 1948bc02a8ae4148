import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { stagesQuerySchema } from "@/lib/registry/schemas";
import { stagesAsOf } from "@/lib/registry/queries";

export const GET = withAuth<{ name: string }>("dashboards.read", async ({ req, db, params }) => {
  const { as_of } = validate(stagesQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  return Response.json(await stagesAsOf(db, params.name, as_of ? new Date(as_of) : new Date()));
});
