import { FleetView } from "@/components/fleet/fleet-view";
import { fleetQuery } from "@/components/fleet/query-options";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { fleetOverview } from "@/lib/fleet/queries";
import { Prefetched, seed } from "@/lib/pages/prefetch";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requirePageUser();
  const fleet = await fleetOverview(await getDb(), { email: user.email, roles: user.roles });
  return (
    <>
      <PageHeader title="Overview" description="Every model in the fleet, what is in production, and what needs attention." />
      <Prefetched seeds={[seed(fleetQuery(), fleet)]}>
        <FleetView />
      </Prefetched>
    </>
  );
}
