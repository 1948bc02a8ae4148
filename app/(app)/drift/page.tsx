import { Waves } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";

export const metadata = { title: "Drift" };

export default async function DriftPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader title="Drift" description="Per-feature drift against each version's training reference." />
      <EmptyState icon={Waves} title="Nothing to show yet">
        Drift statistics arrive with feature ingestion (POST /api/v1/ingest/features) and the drift engine.
      </EmptyState>
    </>
  );
}
