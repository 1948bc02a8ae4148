import { defineRoute } from "@/lib/api/route";
import { createUser } from "@/lib/auth/commands";
import { listUsers } from "@/lib/auth/queries";
import { createdUserSchema, createUserSchema, usersListSchema } from "@/lib/auth/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/users",
  tag: "Administration",
  summary: "Every account with its roles, state, sign-in method and last sign-in",
  permission: "admin",
  response: usersListSchema,
  handler: async ({ db }) => ({ users: await listUsers(db) }),
});

export const POST = defineRoute({
  method: "POST",
  path: "/users",
  tag: "Administration",
  summary: "Create an account with a one-time password, shown once; the person sets their own at first sign-in",
  permission: "admin",
  body: createUserSchema,
  response: createdUserSchema,
  status: 201,
  handler: async ({ db, body, caller }) => {
    const { user, password } = await createUser(db, body, caller);
    return { ...user, one_time_password: password };
  },
});
