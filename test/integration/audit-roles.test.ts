import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedIn } from "../support/http";
import { startServer } from "../support/servers";

const adminUrl = inject("postgresAdminUrl");

/**
 * The deployment the contract recommends on PostgreSQL: one role owns the schema and runs the
 * migrations (DATABASE_OWNER_URL), the server works as another (DATABASE_URL) that may add to the
 * audit trail and read it, and nothing else.
 */
describe.runIf(adminUrl)("PostgreSQL with an owner role and a server role", () => {
  const suffix = `${process.pid}_${Date.now()}`;
  const owner = `plumbline_owner_${suffix}`;
  const server = `plumbline_server_${suffix}`;
  const database = `plumbline_roles_${suffix}`;
  const password = "role-test-password";
  const port = Number(process.env.PLUMBLINE_TEST_PORT ?? 3101) + 2;
  let ownerUrl: string, serverUrl: string;
  let running: Awaited<ReturnType<typeof startServer>> | undefined;

  function urlFor(role: string): string {
    const url = new URL(adminUrl!);
    url.username = role;
    url.password = password;
    url.pathname = `/${database}`;
    return url.toString();
  }

  async function asRole<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  async function refusal(client: pg.Client, statement: string): Promise<string> {
    try {
      await client.query(statement);
    } catch (error) {
      return (error as Error).message;
    }
    return "(the statement succeeded)";
  }

  beforeAll(async () => {
    await asRole(adminUrl!, async (admin) => {
      await admin.query(`create role "${owner}" login password '${password}'`);
      await admin.query(`create role "${server}" login password '${password}'`);
      await admin.query(`create database "${database}" owner "${owner}"`);
    });
    ownerUrl = urlFor(owner);
    serverUrl = urlFor(server);
    running = await startServer(port, {
      PLUMBLINE_SIMULATOR: "0",
      DATABASE_URL: serverUrl,
      DATABASE_OWNER_URL: ownerUrl,
    });
  });

  afterAll(async () => {
    await running?.stop();
    await asRole(adminUrl!, async (admin) => {
      await admin.query(`drop database if exists "${database}" with (force)`);
      await admin.query(`drop role if exists "${server}"`);
      await admin.query(`drop role if exists "${owner}"`);
    });
  });

  it("migrates as the owner and serves as the server role, demo seed and sign-in included", async () => {
    const tables = await asRole(ownerUrl, (c) => c.query<{ tableowner: string }>("select tableowner from pg_tables where tablename = 'audit_log'"));
    expect(tables.rows).toEqual([{ tableowner: owner }]);
    const lead = await signedIn(running!.baseUrl, "lead@example.com");
    const created = await lead.request("POST", "/api/v1/models", { name: `roles-${Date.now()}` });
    expect(created.status).toBe(201);
  });

  it("lets the server role add to and read the audit trail, and nothing else", async () => {
    await asRole(serverUrl, async (c) => {
      expect((await c.query("select count(*)::int as n from audit_log")).rows[0].n).toBeGreaterThan(0);
      expect(await refusal(c, "update audit_log set actor = 'mallory'")).toMatch(/permission denied/);
      expect(await refusal(c, "delete from audit_log")).toMatch(/permission denied/);
      expect(await refusal(c, "truncate audit_log")).toMatch(/permission denied/);
      expect(await refusal(c, "alter table audit_log disable trigger audit_log_no_update_delete")).toMatch(/must be owner/);
      expect(await refusal(c, "alter table audit_log disable trigger all")).toMatch(/must be owner/);
      expect(await refusal(c, "drop trigger audit_log_no_update_delete on audit_log")).toMatch(/must be owner/);
      expect(await refusal(c, "create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$ begin return old; end $$")).toMatch(
        /must be owner|permission denied/,
      );
      expect(await refusal(c, "drop table audit_log")).toMatch(/must be owner/);
    });
  });

  it("publishes a checkpoint, and verify with it exposes a tail the owner cut, then one rewritten after", async () => {
    const published = running!
      .output()
      .split("\n")
      .filter((line) => line.includes('"audit checkpoint"'))
      .map((line) => JSON.parse(line) as { seq: number; head_hash: string; at: string });
    expect(published.length).toBeGreaterThan(0);
    const checkpoint = published[published.length - 1];
    expect(checkpoint).toMatchObject({ seq: expect.any(Number), head_hash: expect.stringMatching(/^[0-9a-f]{64}$/), at: expect.any(String) });

    const compliance = await signedIn(running!.baseUrl, "compliance@example.com");
    const verify = async (query = "") => (await (await compliance.get(`/api/v1/audit/verify${query}`)).json()) as Record<string, unknown>;
    const withCheckpoint = `?seq=${checkpoint.seq}&head_hash=${checkpoint.head_hash}`;
    expect(await verify(withCheckpoint)).toMatchObject({ ok: true, checkpoint: { holds: true } });

    // The owner can still do what the server cannot: disable the guard and cut the tail.
    await asRole(ownerUrl, async (c) => {
      await c.query("alter table audit_log disable trigger audit_log_no_update_delete");
      await c.query("delete from audit_log where seq >= $1", [checkpoint.seq - 1]);
      await c.query("alter table audit_log enable trigger audit_log_no_update_delete");
    });
    // Without a checkpoint the shortened chain looks whole; with one, the cut shows.
    expect(await verify()).toMatchObject({ ok: true });
    expect(await verify(withCheckpoint)).toMatchObject({ ok: false, first_bad_seq: checkpoint.seq - 1, checkpoint: { holds: false, found_hash: null } });

    // New entries fill the numbers again, with other hashes: the checkpoint still exposes it.
    for (let i = 0; i < 3; i++) await signedIn(running!.baseUrl, "viewer@example.com");
    const rewritten = await verify(withCheckpoint);
    expect(rewritten).toMatchObject({ ok: false, first_bad_seq: checkpoint.seq, checkpoint: { holds: false } });
    expect((rewritten.checkpoint as { found_hash: string }).found_hash).not.toBe(checkpoint.head_hash);
  });
});
