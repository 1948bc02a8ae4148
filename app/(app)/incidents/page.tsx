import { Siren } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader title="Incidents" description="What fired, what changed just before, and who is on it." />
      <EmptyState icon={Siren} title="Nothing to show yet">
        Alert rules and incidents are not configured on this server yet.
      </EmptyState>
    </>
  );
}
