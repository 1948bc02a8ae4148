import { withAuth } from "@/lib/api/with-auth";
import { getModel } from "@/lib/registry/models";

export const GET = withAuth<{ name: string }>("dashboards.read", async ({ db, params }) => Response.json(await getModel(db, params.name)));
