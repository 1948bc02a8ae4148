import { withAuth } from "@/lib/api/with-auth";
import { listPipelines } from "@/lib/pipelines/queries";

export const GET = withAuth("dashboards.read", async ({ db }) => Response.json({ pipelines: await listPipelines(db, new Date()) }));
