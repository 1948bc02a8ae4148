// `npm run user:create -- --email you@company.com --role admin [--role ml_lead] [--name "Your Name"]`
// Creates (or re-enables) an account on the database DATABASE_URL names and prints a one-time password.
import { SYSTEM_CALLER } from "@/lib/auth/caller";
import { parseArgs } from "node:util";
import { isRole, ROLES } from "@/lib/auth/permissions";
import { upsertUser } from "@/lib/auth/commands";
import { database } from "@/lib/db";

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string", multiple: true }, name: { type: "string" } } });
  const roles = values.role ?? [];
  if (!values.email || roles.length === 0 || !roles.every(isRole)) {
    console.error(`usage: npm run user:create -- --email you@company.com --role <${ROLES.join("|")}> [--role …] [--name "Full Name"]`);
    process.exit(2);
  }
  console.log(`connecting to ${process.env.DATABASE_URL ? "PostgreSQL" : `PGlite in ${process.env.PLUMBLINE_DATA_DIR ?? "./.data"}`} and applying migrations…`);
  const db = await database();
  const { user, password, created } = await upsertUser(
    db.db,
    { email: values.email, name: values.name ?? values.email.split("@")[0], roles: roles.filter(isRole) },
    SYSTEM_CALLER,
  );
  console.log(`${created ? "created" : "re-enabled"} ${user.email} with roles ${user.roles.join(", ")}`);
  console.log(`one-time password: ${password}`);
  await db.close();
}

main().catch((error) => {
  console.error(`user:create failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
