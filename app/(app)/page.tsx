import { FleetView } from "@/components/fleet/fleet-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { fleetOverview } from "@/lib/fleet/queries";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requirePageUser();
  const initial = await fleetOverview(await getDb(), { email: user.email, roles: user.roles });
  return (
    <>
      <PageHeader title="Overview" description="Every model in the fleet, what is in production, and what needs attention." />
      <FleetView initial={initial} />
    </>
  );
}
