import { PipelinesView } from "@/components/pipelines/pipelines-view";
import { pipelinesQuery } from "@/components/pipelines/query-options";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { listPipelines } from "@/lib/pipelines/queries";

export const metadata = { title: "Pipelines" };

export default async function PipelinesPage() {
  await requirePageUser();
  const pipelines = await listPipelines(await getDb(), new Date());
  return (
    <>
      <PageHeader title="Pipelines" description="Every data pipeline, whether it ran on time, and whether it wrote what it should. Most urgent first." />
      <Prefetched seeds={[seed(pipelinesQuery(), pipelines)]}>
        <PipelinesView />
      </Prefetched>
    </>
  );
}
