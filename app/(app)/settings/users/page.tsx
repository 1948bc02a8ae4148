import { recentChangesQuery, usersQuery } from "@/components/access/query-options";
import { UsersView } from "@/components/access/users-view";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { listUsers } from "@/lib/auth/queries";
import { getDb } from "@/lib/db";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { recentChanges } from "@/lib/pages/recent-changes";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePageUser();
  if (!userCan(user, "admin")) return <NoAccess what="Users and roles are managed by admins." />;
  const db = await getDb();
  const [users, changes] = await Promise.all([listUsers(db), recentChanges(db, "user.")]);
  return (
    <>
      <PageHeader title="Users" description="Who may sign in, with which roles. Every change is audited and listed below." />
      <Prefetched seeds={[seed(usersQuery(), users), seed(recentChangesQuery("user."), changes)]}>
        <UsersView selfId={user.id} />
      </Prefetched>
    </>
  );
}
