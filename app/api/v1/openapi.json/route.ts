import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

/** Public on purpose: integrators read it before they hold a key. */
export function GET(req: Request) {
  return Response.json(openApiDocument(new URL(req.url).origin));
}
