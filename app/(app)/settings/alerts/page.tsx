import { AlertRulesView } from "@/components/incidents/alert-rules-view";
import { alertRulesQuery } from "@/components/incidents/query-options";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { listRules } from "@/lib/incidents/queries";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { listPipelines } from "@/lib/pipelines/queries";
import { listModels } from "@/lib/registry/queries";
import { listWebhooks } from "@/lib/webhooks/queries";

export const metadata = { title: "Alert rules" };

export default async function AlertRulesPage() {
  const user = await requirePageUser();
  const canManage = userCan(user, "alerts.manage");
  const db = await getDb();
  const [rules, models, pipelines, webhooks] = await Promise.all([
    listRules(db),
    canManage ? listModels(db) : [],
    canManage ? listPipelines(db, new Date()) : [],
    canManage ? listWebhooks(db) : [],
  ]);
  return (
    <>
      <PageHeader title="Alert rules" description="What is watched, when it fires, and what it saw at its last evaluation." />
      <Prefetched seeds={[seed(alertRulesQuery(), rules)]}>
        <AlertRulesView
          canManage={canManage}
          choices={{ models: models.map((m) => m.name), pipelines: pipelines.map((p) => p.name), webhooks: webhooks.map((w) => ({ id: w.id, url: w.url })) }}
        />
      </Prefetched>
    </>
  );
}
