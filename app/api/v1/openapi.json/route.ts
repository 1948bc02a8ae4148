import { publicOrigin } from "@/lib/api/client-ip";
import { definePublicRoute } from "@/lib/api/route";
import { openApiDocument } from "@/lib/openapi/document";
import { openApiDocumentSchema } from "@/lib/openapi/schemas";

export const dynamic = "force-dynamic";

/** Public on purpose: integrators read it before they hold a key. */
export const GET = definePublicRoute({
  method: "GET",
  path: "/openapi.json",
  tag: "Access",
  summary: "This document: every operation with its permission and schemas",
  response: openApiDocumentSchema,
  handler: () => openApiDocument(publicOrigin()),
});
