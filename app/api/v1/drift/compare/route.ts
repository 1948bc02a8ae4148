import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { compareOrExplain } from "@/lib/drift/http";
import { compareRequestSchema } from "@/lib/drift/schemas";

/** Stateless: one feature's two samples in, its drift result out. */
export const POST = withAuth("dashboards.read", async ({ req }) => {
  const { reference, current, method, threshold } = await parseBody(req, compareRequestSchema);
  return Response.json(compareOrExplain(reference, current, { method, threshold }));
});
