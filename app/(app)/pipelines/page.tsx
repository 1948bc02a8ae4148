import { PipelinesView } from "@/components/pipelines/pipelines-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { listPipelines } from "@/lib/pipelines/queries";

export const metadata = { title: "Pipelines" };

export default async function PipelinesPage() {
  await requirePageUser();
  const pipelines = await listPipelines(await getDb(), new Date());
  return (
    <>
      <PageHeader title="Pipelines" description="Every data pipeline, whether it ran on time, and whether it wrote what it should. Most urgent first." />
      <PipelinesView initial={pipelines} />
    </>
  );
}
