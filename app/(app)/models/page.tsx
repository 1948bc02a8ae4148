import { modelsQuery } from "@/components/fleet/query-options";
import { ModelsView } from "@/components/models/models-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { listModelsWithHealth } from "@/lib/fleet/queries";
import { Prefetched, seed } from "@/lib/pages/prefetch";

export const metadata = { title: "Models" };

export default async function ModelsPage() {
  await requirePageUser();
  const models = await listModelsWithHealth(await getDb());
  return (
    <>
      <PageHeader
        title="Models"
        description="Every registered model with its production and staging versions; latency, error rate and volume are the production version's averages over the last 24 hours."
      />
      <Prefetched seeds={[seed(modelsQuery(), models)]}>
        <ModelsView />
      </Prefetched>
    </>
  );
}
