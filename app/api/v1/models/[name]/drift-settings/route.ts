import { modelNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { putDriftSettings } from "@/lib/drift/commands";
import { listDriftSettings } from "@/lib/drift/queries";
import { driftSettingListSchema, driftSettingsSchema } from "@/lib/drift/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/models/{name}/drift-settings",
  tag: "Drift",
  summary: "Stored per-feature drift method and threshold overrides",
  permission: "dashboards.read",
  params: { name: modelNameParam },
  response: driftSettingListSchema,
  handler: ({ db, params }) => listDriftSettings(db, params.name),
});

/** Per-feature method and threshold overrides (ml_lead, admin); audited. */
export const PUT = defineRoute({
  method: "PUT",
  path: "/models/{name}/drift-settings",
  tag: "Drift",
  summary: "Override the drift method or threshold of features (audited)",
  permission: "settings.write",
  params: { name: modelNameParam },
  body: driftSettingsSchema,
  response: driftSettingListSchema,
  handler: ({ db, params, body, caller }) => putDriftSettings(db, params.name, body, caller),
});
