import { WebhooksView } from "@/components/incidents/webhooks-view";
import { webhooksQuery } from "@/components/incidents/query-options";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { listWebhooks } from "@/lib/webhooks/queries";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await requirePageUser();
  if (!userCan(user, "alerts.manage")) return <NoAccess what="Webhooks are managed by people on call, ML leads and admins." />;
  const webhooks = await listWebhooks(await getDb());
  return (
    <>
      <PageHeader title="Webhooks" description="Where incidents and stage changes are sent, signed, and how each delivery went." />
      <Prefetched seeds={[seed(webhooksQuery(), webhooks)]}>
        <WebhooksView />
      </Prefetched>
    </>
  );
}
