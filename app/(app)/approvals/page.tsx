import { BadgeCheck } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  await requirePageUser();
  return (
    <>
      <PageHeader title="Approvals" description="Promotion requests waiting for a decision, and what was decided recently." />
      <EmptyState icon={BadgeCheck} title="Nothing to show yet">
        No promotion requests yet: promotion governance is not enabled on this server yet.
      </EmptyState>
    </>
  );
}
