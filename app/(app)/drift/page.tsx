import { DriftView } from "@/components/drift/drift-view";
import { fleetDriftQuery } from "@/components/drift/query-options";
import { parseRange, rangeBounds } from "@/components/shell/time-range";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { fleetDrift } from "@/lib/drift/queries";
import { Prefetched, seed } from "@/lib/pages/prefetch";

export const metadata = { title: "Drift" };

export default async function DriftPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser();
  const given = (await searchParams).range;
  const range = parseRange(typeof given === "string" ? given : null);
  const drift = await fleetDrift(await getDb(), rangeBounds(range));
  return (
    <>
      <PageHeader
        title="Drift"
        description="Each production model's features against their training reference: what drifted, by how much, and on how many values."
      />
      <Prefetched seeds={[seed(fleetDriftQuery(range), drift)]}>
        <DriftView />
      </Prefetched>
    </>
  );
}
