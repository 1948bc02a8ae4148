import { RelativeTime } from "@/components/ui/relative-time";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { RoleBadge, StatusBadge } from "@/components/ui/status-badge";
import { listApiKeys, listUsers } from "@/lib/auth/queries";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { Table } from "@/components/ui/table";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser();
  if (!userCan(user, "admin")) return <NoAccess what="Users, roles and API keys are managed by admins." />;
  const db = await getDb();
  const [users, keys] = await Promise.all([listUsers(db), listApiKeys(db)]);
  return (
    <>
      <PageHeader title="Settings" description="People, their roles, and the API keys machines push data with." />
      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="users-heading">
          <h2 id="users-heading" className="mb-2 font-medium">
            Users
          </h2>
          <Table columns={[{ label: "Email" }, { label: "Roles" }, { label: "Status" }]}>
            {users.map((u) => (
              <tr key={u.id} className="h-9">
                <td className="px-3">{u.email}</td>
                <td className="space-x-1 px-3">
                  {u.roles.map((r) => (
                    <RoleBadge key={r} role={r} />
                  ))}
                </td>
                <td className="px-3">{u.active ? <StatusBadge status="healthy" label="active" /> : <StatusBadge status="none" label="disabled" />}</td>
              </tr>
            ))}
          </Table>
        </section>
        <section aria-labelledby="keys-heading">
          <h2 id="keys-heading" className="mb-2 font-medium">
            API keys
          </h2>
          <Table columns={[{ label: "Name" }, { label: "Prefix" }, { label: "Scopes" }, { label: "Last used" }]}>
            {keys.map((k) => (
              <tr key={k.id} className="h-9">
                <td className="px-3">
                  {k.name} {k.revoked_at && <StatusBadge status="none" label="revoked" />}
                </td>
                <td className="px-3 font-mono text-xs">{k.prefix}…</td>
                <td className="space-x-1 px-3">
                  {k.scopes.map((s) => (
                    <RoleBadge key={s} role={s} />
                  ))}
                </td>
                <td className="px-3 text-zinc-600 dark:text-zinc-400">{k.last_used_at ? <RelativeTime iso={k.last_used_at} /> : "never"}</td>
              </tr>
            ))}
          </Table>
        </section>
      </div>
    </>
  );
}
