import { FleetView } from "@/components/fleet/fleet-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { fleetOverview } from "@/lib/fleet/overview";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  await requirePageUser();
  const initial = await fleetOverview(await getDb());
  return (
    <>
      <PageHeader title="Overview" description="Every model in the fleet, what is in production, and what needs attention." />
      <FleetView initial={initial} />
    </>
  );
}
