import { GitBranch } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";

export const metadata = { title: "Pipelines" };

export default async function PipelinesPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader title="Pipelines" description="Every data pipeline, whether it ran on time, and whether it wrote what it should." />
      <EmptyState icon={GitBranch} title="Nothing to show yet">
        Pipeline runs arrive through POST /api/v1/ingest/pipeline-runs and OpenLineage.
      </EmptyState>
    </>
  );
}
