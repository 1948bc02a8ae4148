import Link from "next/link";
import { IncidentsView } from "@/components/incidents/incidents-view";
import { incidentsQuery, parseStatus } from "@/components/incidents/query-options";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { listIncidents } from "@/lib/incidents/queries";
import { Prefetched, seed } from "@/lib/pages/prefetch";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requirePageUser();
  const status = parseStatus((await searchParams).status);
  const incidents = await listIncidents(await getDb(), { status });
  return (
    <>
      <PageHeader
        title="Incidents"
        description="What fired, since when, how bad, and who is on it. Open first."
        action={
          <div className="flex gap-2">
            <Link href="/settings/alerts" className={buttonClass("neutral")}>
              Alert rules
            </Link>
            {userCan(user, "alerts.manage") && (
              <Link href="/settings/webhooks" className={buttonClass("neutral")}>
                Webhooks
              </Link>
            )}
          </div>
        }
      />
      <Prefetched seeds={[seed(incidentsQuery(status), incidents)]}>
        <IncidentsView />
      </Prefetched>
    </>
  );
}
