import { publicOrigin } from "@/lib/api/client-ip";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

/** Public on purpose: integrators read it before they hold a key. */
export function GET() {
  return Response.json(openApiDocument(publicOrigin()));
}
