import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "./engine";
import type { Db } from "./types";

/** The audit trail and its checkpoints: the server may add to them and read them, nothing else. */
const APPEND_ONLY_TABLES = ["audit_log", "audit_checkpoints"] as const;

/**
 * Run as the owner after migrating, at every start, so tables a new migration added are covered
 * too: the server's role may read and write the application's tables, but the append-only ones
 * only INSERT and SELECT. Not owning them, it can neither alter, disable, drop nor replace their
 * triggers. One transaction: no moment in which the role holds more.
 */
export async function grantServerRole(owner: Db, role: string): Promise<void> {
  const server = sql.identifier(role);
  await owner.transaction(async (tx) => {
    await tx.execute(sql`grant usage on schema public to ${server}`);
    await tx.execute(sql`grant select, insert, update, delete on all tables in schema public to ${server}`);
    await tx.execute(sql`grant usage, select on all sequences in schema public to ${server}`);
    for (const name of APPEND_ONLY_TABLES) {
      const table = sql.identifier(name);
      await tx.execute(sql`revoke all on ${table} from ${server}, public`);
      await tx.execute(sql`grant select, insert on ${table} to ${server}`);
    }
  });
}

/** Could `db`'s role rewrite the audit trail: act as its owner (or a superuser), or UPDATE, DELETE or TRUNCATE it? */
export async function canRewriteAuditTrail(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ can: boolean }>(
    db,
    sql`select pg_has_role(current_user, c.relowner, 'USAGE')
          or has_table_privilege(c.oid, 'UPDATE') or has_table_privilege(c.oid, 'DELETE') or has_table_privilege(c.oid, 'TRUNCATE') as can
        from pg_class c where c.oid = 'audit_log'::regclass`,
  );
  return row.can;
}
