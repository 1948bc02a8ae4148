import { z } from "zod";
import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { stagesAsOf } from "@/lib/registry/stages";

const query = z.object({ as_of: z.iso.datetime({ offset: true }).optional() });

export const GET = withAuth<{ name: string }>("dashboards.read", async ({ req, db, params }) => {
  const { as_of } = validate(query, Object.fromEntries(req.nextUrl.searchParams));
  return Response.json(await stagesAsOf(db, params.name, as_of ? new Date(as_of) : new Date()));
});
