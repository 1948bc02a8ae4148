import { defineRoute } from "@/lib/api/route";
import { listReviews } from "@/lib/governance/queries";
import { reviewListSchema } from "@/lib/governance/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/reviews",
  tag: "Governance",
  summary: "Break-glass rollbacks and whether compliance has acknowledged them",
  permission: "dashboards.read",
  response: reviewListSchema,
  handler: async ({ db }) => ({ reviews: await listReviews(db) }),
});
