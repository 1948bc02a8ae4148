import { describe, expect, inject, it } from "vitest";
import { auditEntries, keySession, Session, signedIn } from "../support/http";

const servers = inject("servers");

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

async function fieldsAtFault(res: Response): Promise<string[]> {
  return (((await res.json()) as ErrorBody).error.details ?? []).map((d) => d.path);
}

interface UserRow {
  id: string;
  email: string;
  must_change_password: boolean;
  sign_in: string;
  last_sign_in_at: string | null;
}

async function listUsers(admin: Session): Promise<UserRow[]> {
  const res = await admin.get("/api/v1/users");
  expect(res.status).toBe(200);
  return ((await res.json()) as { users: UserRow[] }).users;
}

async function createUser(admin: Session, roles: string[] = ["viewer"]) {
  const email = `person-${unique()}@example.com`;
  const res = await admin.request("POST", "/api/v1/users", { email, name: "New Person", roles });
  expect(res.status).toBe(201);
  const body = (await res.json()) as UserRow & { one_time_password: string };
  expect(body.must_change_password).toBe(true);
  return { id: body.id, email, password: body.one_time_password };
}

describe.each(servers)("access administration on $engine", ({ baseUrl }) => {
  it("gives a new account a one-time password that must be replaced; the change needs the current password and ends the other sessions", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const person = await createUser(admin);

    const first = new Session(baseUrl);
    expect((await first.signIn(person.email, person.password)).status).toBe(200);
    const listed = (await listUsers(admin)).find((u) => u.id === person.id)!;
    expect(listed).toMatchObject({ must_change_password: true, sign_in: "password" });
    expect(listed.last_sign_in_at).not.toBeNull();

    // Until then the one-time password opens nothing else, not even a read.
    const early = await first.get("/api/v1/models");
    expect(early.status).toBe(403);
    expect(((await early.json()) as { error: { message: string } }).error.message).toMatch(/new password/);

    const wrong = await first.request("PUT", "/api/v1/me/password", { current_password: "not-it-at-all", new_password: "a-good-new-password" });
    expect(wrong.status).toBe(422);
    expect(await fieldsAtFault(wrong)).toEqual(["current_password"]);
    const short = await first.request("PUT", "/api/v1/me/password", { current_password: person.password, new_password: "short" });
    expect(short.status).toBe(422);
    expect(await fieldsAtFault(short)).toEqual(["new_password"]);
    const demo = await first.request("PUT", "/api/v1/me/password", { current_password: person.password, new_password: "plumbline-demo" });
    expect(demo.status).toBe(422);
    expect(await fieldsAtFault(demo)).toEqual(["new_password"]);

    const second = new Session(baseUrl);
    expect((await second.signIn(person.email, person.password)).status).toBe(200);
    const changed = await first.request("PUT", "/api/v1/me/password", { current_password: person.password, new_password: "my-own-long-password" });
    expect(changed.status).toBe(200);
    expect((await second.get("/api/v1/me")).status).toBe(401);
    expect((await new Session(baseUrl).signIn(person.email, person.password)).status).toBe(401);
    const renewed = new Session(baseUrl);
    expect((await renewed.signIn(person.email, "my-own-long-password")).status).toBe(200);
    expect((await renewed.get("/api/v1/models")).status).toBe(200);
    expect((await listUsers(admin)).find((u) => u.id === person.id)!.must_change_password).toBe(false);

    const trail = await auditEntries(baseUrl, `action=user.password_changed&target=${encodeURIComponent(person.email)}`);
    expect(trail.map((e) => e.outcome).sort()).toEqual(["failure", "success"]);
  });

  it("resets a password as its own audited action: sessions end, the old password stops, a new one-time password must be replaced", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const person = await createUser(admin);
    const session = new Session(baseUrl);
    expect((await session.signIn(person.email, person.password)).status).toBe(200);

    const reset = await admin.request("POST", `/api/v1/users/${person.id}/password-reset`);
    expect(reset.status).toBe(200);
    const { one_time_password } = (await reset.json()) as { one_time_password: string };
    expect(one_time_password).not.toBe(person.password);
    expect((await session.get("/api/v1/me")).status).toBe(401);
    expect((await new Session(baseUrl).signIn(person.email, person.password)).status).toBe(401);
    expect((await new Session(baseUrl).signIn(person.email, one_time_password)).status).toBe(200);
    expect((await listUsers(admin)).find((u) => u.id === person.id)!.must_change_password).toBe(true);
    const trail = await auditEntries(baseUrl, `action=user.password_reset&target=${encodeURIComponent(person.email)}`);
    expect(trail).toHaveLength(1);
    expect(trail[0].actor).toBe("admin@example.com");

    const self = (await listUsers(admin)).find((u) => u.email === "admin@example.com")!;
    expect((await admin.request("POST", `/api/v1/users/${self.id}/password-reset`)).status).toBe(409);
    // A refused reset is on record too: who tried it, on whom, and why it was refused.
    const refused = await auditEntries(baseUrl, `action=user.password_reset&target=${encodeURIComponent("admin@example.com")}`);
    expect(refused.filter((e) => e.outcome === "failure").map((e) => e.actor)).toContain("admin@example.com");
    const selfDisable = await admin.request("PATCH", `/api/v1/users/${self.id}`, { active: false });
    expect(selfDisable.status).toBe(409);
    const updates = await auditEntries(baseUrl, `action=user.updated&target=${encodeURIComponent("admin@example.com")}`);
    expect(updates.some((e) => e.outcome === "failure")).toBe(true);
    expect((await admin.request("POST", "/api/v1/users/00000000-0000-4000-8000-000000000000/password-reset")).status).toBe(404);
    expect((await admin.request("POST", "/api/v1/users/not-a-uuid/password-reset")).status).toBe(404);
  });

  it("refuses bad users and keys with 4xx naming the field, and saves nothing of them", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const usersBefore = (await listUsers(admin)).length;
    const keysBefore = ((await (await admin.get("/api/v1/keys")).json()) as { keys: unknown[] }).keys.length;

    const taken = await admin.request("POST", "/api/v1/users", { email: "VIEWER@example.com", name: "Again", roles: ["viewer"] });
    expect(taken.status).toBe(409);
    expect(await fieldsAtFault(taken)).toEqual(["email"]);
    const unknownRole = await admin.request("POST", "/api/v1/users", { email: `x-${unique()}@example.com`, name: "X", roles: ["overlord"] });
    expect(unknownRole.status).toBe(422);
    expect((await fieldsAtFault(unknownRole))[0]).toMatch(/^roles/);
    const noRoles = await admin.request("POST", "/api/v1/users", { email: `x-${unique()}@example.com`, name: "X", roles: [] });
    expect(noRoles.status).toBe(422);
    expect(await fieldsAtFault(noRoles)).toEqual(["roles"]);

    const badScope = await admin.request("POST", "/api/v1/keys", { name: "k", scopes: ["everything"] });
    expect(badScope.status).toBe(422);
    expect((await fieldsAtFault(badScope))[0]).toMatch(/^scopes/);
    const longName = await admin.request("POST", "/api/v1/keys", { name: "n".repeat(101), scopes: ["read"] });
    expect(longName.status).toBe(422);
    expect(await fieldsAtFault(longName)).toEqual(["name"]);
    const past = await admin.request("POST", "/api/v1/keys", { name: "k", scopes: ["read"], expires_at: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(422);
    expect(await fieldsAtFault(past)).toEqual(["expires_at"]);

    expect((await listUsers(admin)).length).toBe(usersBefore);
    expect(((await (await admin.get("/api/v1/keys")).json()) as { keys: unknown[] }).keys.length).toBe(keysBefore);
  });

  it("refuses an expired key like a revoked one", async () => {
    const admin = await signedIn(baseUrl, "admin@example.com");
    const expiresAt = new Date(Date.now() + 4_000).toISOString();
    const created = await admin.request("POST", "/api/v1/keys", { name: `expiring-${unique()}`, scopes: ["read"], expires_at: expiresAt });
    expect(created.status).toBe(201);
    const { key, expires_at } = (await created.json()) as { key: string; expires_at: string };
    expect(expires_at).toBe(expiresAt);
    const machine = keySession(baseUrl, key);
    expect((await machine.get("/api/v1/models")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 500));
    expect((await machine.get("/api/v1/models")).status).toBe(401);
  });

  it("lets only admins administer, and only people change a password", async () => {
    const viewer = await signedIn(baseUrl, "viewer@example.com");
    const admin = await signedIn(baseUrl, "admin@example.com");
    const someone = (await listUsers(admin)).find((u) => u.email === "oncall@example.com")!;
    expect((await viewer.request("POST", "/api/v1/users", { email: `v-${unique()}@example.com`, name: "V", roles: ["admin"] })).status).toBe(403);
    expect((await viewer.request("PATCH", `/api/v1/users/${someone.id}`, { roles: ["admin"] })).status).toBe(403);
    expect((await viewer.request("POST", `/api/v1/users/${someone.id}/password-reset`)).status).toBe(403);
    expect((await viewer.request("POST", "/api/v1/keys", { name: "mine", scopes: ["read"] })).status).toBe(403);
    expect((await viewer.get("/api/v1/keys")).status).toBe(403);

    const key = (
      (await (await admin.request("POST", "/api/v1/keys", { name: `machine-${unique()}`, scopes: ["read", "ingest", "registry:write"] })).json()) as {
        key: string;
      }
    ).key;
    const machine = keySession(baseUrl, key);
    expect((await machine.request("PUT", "/api/v1/me/password", { current_password: "x", new_password: "long-enough-password" })).status).toBe(403);
    expect((await machine.request("POST", `/api/v1/users/${someone.id}/password-reset`)).status).toBe(403);
  });
});
