import { ModelsView } from "@/components/fleet/models-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { listModels } from "@/lib/registry/models";

export const metadata = { title: "Models" };

export default async function ModelsPage() {
  await requirePageUser();
  const models = await listModels(await getDb());
  return (
    <>
      <PageHeader title="Models" description="Every registered model with its production and staging versions." />
      <ModelsView initial={models} />
    </>
  );
}
