import { DriftView } from "@/components/drift/drift-view";
import { parseRange, rangeBounds } from "@/components/shell/time-range";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { fleetDrift } from "@/lib/drift/queries";

export const metadata = { title: "Drift" };

export default async function DriftPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser();
  const range = (await searchParams).range;
  const initial = await fleetDrift(await getDb(), rangeBounds(parseRange(typeof range === "string" ? range : null)));
  return (
    <>
      <PageHeader
        title="Drift"
        description="Each production model's features against their training reference: what drifted, by how much, and on how many values."
      />
      <DriftView initial={initial} />
    </>
  );
}
