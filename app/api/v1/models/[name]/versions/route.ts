import { modelNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { createVersion } from "@/lib/registry/commands";
import { createVersionSchema, versionViewSchema } from "@/lib/registry/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/models/{name}/versions",
  tag: "Registry",
  summary: "Register an immutable version (stage none)",
  permission: "registry.write",
  params: { name: modelNameParam },
  body: createVersionSchema,
  response: versionViewSchema,
  status: 201,
  handler: ({ db, params, body, caller }) => createVersion(db, params.name, body, caller),
});
