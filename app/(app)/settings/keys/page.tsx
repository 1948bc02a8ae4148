import { keysQuery, recentChangesQuery } from "@/components/access/query-options";
import { KeysView } from "@/components/access/keys-view";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { listApiKeys } from "@/lib/auth/queries";
import { getDb } from "@/lib/db";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { recentChanges } from "@/lib/pages/recent-changes";

export const metadata = { title: "API keys" };

export default async function KeysPage() {
  const user = await requirePageUser();
  if (!userCan(user, "admin")) return <NoAccess what="API keys are managed by admins." />;
  const db = await getDb();
  const [keys, changes] = await Promise.all([listApiKeys(db), recentChanges(db, "key.")]);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys that machines push data and read dashboards with, by scope. Revoking takes effect on the key's next request."
      />
      <Prefetched seeds={[seed(keysQuery(), keys), seed(recentChangesQuery("key."), changes)]}>
        <KeysView />
      </Prefetched>
    </>
  );
}
