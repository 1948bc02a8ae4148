import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { createUserSchema } from "@/lib/auth/schemas";
import { listUsers } from "@/lib/auth/queries";
import { createUser } from "@/lib/auth/commands";

export const GET = withAuth("admin", async ({ db }) => Response.json({ users: await listUsers(db) }));

export const POST = withAuth("admin", async ({ req, db, by }) => {
  const input = await parseBody(req, createUserSchema);
  const { user, password } = await createUser(db, input, by);
  return Response.json({ ...user, one_time_password: password }, { status: 201 });
});
