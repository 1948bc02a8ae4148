import { withAuth } from "@/lib/api/with-auth";

/** Who the caller is, as the server sees it now: a person's roles or a key's scopes. */
export const GET = withAuth("dashboards.read", ({ principal }) => Response.json(principal));
