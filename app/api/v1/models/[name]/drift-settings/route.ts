import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { driftSettingsSchema } from "@/lib/drift/schemas";
import { listDriftSettings } from "@/lib/drift/queries";
import { putDriftSettings } from "@/lib/drift/commands";

export const GET = withAuth<{ name: string }>("dashboards.read", async ({ db, params }) => Response.json(await listDriftSettings(db, params.name)));

/** Per-feature method and threshold overrides (ml_lead, admin); audited. */
export const PUT = withAuth<{ name: string }>("settings.write", async ({ req, db, params, by }) => {
  const input = await parseBody(req, driftSettingsSchema);
  return Response.json(await putDriftSettings(db, params.name, input, by));
});
