import { modelNameParam, versionParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { storeReference } from "@/lib/drift/commands";
import { referenceStoredSchema, referenceUploadSchema } from "@/lib/drift/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/models/{name}/versions/{version}/reference",
  tag: "Registry",
  summary: "Upload the training-time reference sample drift compares against (replaces an earlier one)",
  permission: "registry.write",
  params: { name: modelNameParam, version: versionParam },
  body: referenceUploadSchema,
  response: referenceStoredSchema,
  status: 201,
  handler: ({ db, params, body, caller }) => storeReference(db, params.name, params.version, body, caller),
});
