import { defineRoute } from "@/lib/api/route";
import { createUser } from "@/lib/auth/commands";
import { listUsers } from "@/lib/auth/queries";
import { createdUserSchema, createUserSchema, userListSchema } from "@/lib/auth/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/users",
  tag: "Administration",
  summary: "People and their roles",
  permission: "admin",
  response: userListSchema,
  handler: async ({ db }) => ({ users: await listUsers(db) }),
});

export const POST = defineRoute({
  method: "POST",
  path: "/users",
  tag: "Administration",
  summary: "Create a user; answers a one-time password",
  permission: "admin",
  body: createUserSchema,
  response: createdUserSchema,
  status: 201,
  handler: async ({ db, body, caller }) => {
    const { user, password } = await createUser(db, body, caller);
    return { ...user, one_time_password: password };
  },
});
