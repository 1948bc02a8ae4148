"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { UserPlus, Users } from "lucide-react";
import { useState } from "react";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { RoleBadge, StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import { ROLES, type Role } from "@/lib/auth/permissions";
import type { PublicUserView } from "@/lib/auth/schemas";
import { ChangesList } from "./changes-list";
import { OneTimeSecret } from "./one-time-secret";
import { recentChangesQuery, usersQuery } from "./query-options";
import { ChoiceChecks, grantsOf } from "./role-checks";

const USER_CHANGES = "user.";
const invalidates = [usersQuery().queryKey, recentChangesQuery(USER_CHANGES).queryKey];

const roleHint = (role: Role) => grantsOf(role).join("; ");

function CreateUser({ onClose }: { onClose: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<Role[]>(["viewer"]);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const mutation = useApiMutation<void, PublicUserView & { one_time_password: string }>({
    call: () => ({ method: "POST", url: "/api/v1/users", body: { email, name, roles } }),
    invalidates,
    onSuccess: (user) => setCreated({ email: user.email, password: user.one_time_password }),
  });
  if (created) {
    return (
      <OneTimeSecret label={`One-time password for ${created.email}`} secret={created.password} onDismiss={onClose}>
        <p className="text-xs text-amber-900 dark:text-amber-200">Give it to them privately; they choose their own password at their first sign-in.</p>
      </OneTimeSecret>
    );
  }
  return (
    <MutationForm
      mutation={mutation}
      variables={() => undefined}
      submitLabel="Create user"
      busyLabel="Creating…"
      onCancel={onClose}
      className="grid gap-3 md:grid-cols-2"
    >
      {({ fieldError }) => (
        <>
          <div className="space-y-3">
            <Field label="Email" error={fieldError("email")}>
              {(control) => <input type="email" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} {...control} />}
            </Field>
            <Field label="Name" error={fieldError("name")}>
              {(control) => <input value={name} onChange={(e) => setName(e.target.value)} {...control} />}
            </Field>
          </div>
          <ChoiceChecks legend="Roles" choices={ROLES} value={roles} onChange={setRoles} hint={roleHint} error={fieldError("roles")} />
        </>
      )}
    </MutationForm>
  );
}

function EditRoles({ user, onDone }: { user: PublicUserView; onDone: () => void }) {
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const mutation = useApiMutation<void>({
    call: () => ({ method: "PATCH", url: `/api/v1/users/${user.id}`, body: { roles } }),
    invalidates,
  });
  return (
    <MutationForm mutation={mutation} variables={() => undefined} submitLabel="Save roles" onCancel={onDone} onDone={onDone}>
      {({ fieldError }) => (
        <ChoiceChecks legend={`Roles of ${user.email}`} choices={ROLES} value={roles} onChange={setRoles} hint={roleHint} error={fieldError("roles")} />
      )}
    </MutationForm>
  );
}

function ToggleActive({ user }: { user: PublicUserView }) {
  const mutation = useApiMutation<void>({
    call: () => ({ method: "PATCH", url: `/api/v1/users/${user.id}`, body: { active: !user.active } }),
    invalidates,
  });
  return (
    <ConfirmAction
      label={user.active ? "Disable" : "Re-enable"}
      tone={user.active ? "danger" : "neutral"}
      field={null}
      required={false}
      mutation={mutation}
      variables={() => undefined}
    />
  );
}

function ResetPassword({ user }: { user: PublicUserView }) {
  const [password, setPassword] = useState<string | null>(null);
  const mutation = useApiMutation<void, { one_time_password: string }>({
    call: () => ({ method: "POST", url: `/api/v1/users/${user.id}/password-reset` }),
    invalidates,
    onSuccess: (answer) => setPassword(answer.one_time_password),
  });
  if (password) return <OneTimeSecret label={`New one-time password for ${user.email}`} secret={password} onDismiss={() => setPassword(null)} />;
  return <ConfirmAction label="Reset password" tone="neutral" field={null} required={false} mutation={mutation} variables={() => undefined} />;
}

function UserActions({ user, self }: { user: PublicUserView; self: boolean }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <EditRoles user={user} onDone={() => setEditing(false)} />;
  return (
    <div className="flex flex-wrap items-start gap-2">
      <Button tone="neutral" onClick={() => setEditing(true)}>
        Change roles
      </Button>
      <ToggleActive user={user} />
      {user.sign_in !== "sso" && !self && <ResetPassword user={user} />}
    </div>
  );
}

const SIGN_IN_LABEL: Record<PublicUserView["sign_in"], string> = { password: "password", sso: "single sign-on", both: "password or SSO" };

export function UsersView({ selfId }: { selfId: string }) {
  const { data: users } = useSuspenseQuery(usersQuery());
  const [creating, setCreating] = useState(false);
  return (
    <div className="space-y-6">
      <Panel
        title="New user"
        action={
          !creating && (
            <Button onClick={() => setCreating(true)}>
              <UserPlus className="size-4" aria-hidden /> Create user
            </Button>
          )
        }
      >
        {creating ? (
          <CreateUser onClose={() => setCreating(false)} />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            A new account gets a one-time password, shown once here; the person chooses their own at first sign-in.
          </p>
        )}
      </Panel>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-2 font-medium">
          Users <span className="tabular text-zinc-500">({users.length})</span>
        </h2>
        {users.length === 0 ? (
          <EmptyState icon={Users} title="No users yet">
            Create the first account above.
          </EmptyState>
        ) : (
          <Table
            columns={[{ label: "User" }, { label: "Roles" }, { label: "State" }, { label: "Signs in with" }, { label: "Last sign-in" }, { label: "Actions" }]}
          >
            {users.map((u) => (
              <tr key={u.id} className="align-top" data-testid="user-row" data-email={u.email}>
                <td className="px-3 py-2">
                  <div className="font-medium">{u.name}</div>
                  <div className="text-xs text-zinc-600 dark:text-zinc-400">
                    {u.email}
                    {u.id === selfId && " (you)"}
                  </div>
                </td>
                <td className="space-x-1 px-3 py-2">
                  {u.roles.map((r) => (
                    <RoleBadge key={r} role={r} />
                  ))}
                </td>
                <td className="px-3 py-2">
                  {u.active ? <StatusBadge status="healthy" label="active" /> : <StatusBadge status="none" label="disabled" />}
                  {u.must_change_password && <div className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">must set a password</div>}
                </td>
                <td className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">{SIGN_IN_LABEL[u.sign_in]}</td>
                <td className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">{u.last_sign_in_at ? <RelativeTime iso={u.last_sign_in_at} /> : "never"}</td>
                <td className="px-3 py-2">
                  <UserActions user={u} self={u.id === selfId} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <Panel title="Recent changes">
        <ChangesList actionPrefix={USER_CHANGES} empty="No account has been changed yet." />
      </Panel>
    </div>
  );
}
