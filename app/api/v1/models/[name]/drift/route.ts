import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { modelDrift } from "@/lib/drift/queries";
import { driftQuerySchema } from "@/lib/drift/schemas";

export const GET = withAuth<{ name: string }>("dashboards.read", async ({ req, db, params }) => {
  const q = validate(driftQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  return Response.json(await modelDrift(db, params.name, q));
});
