import { notFound } from "next/navigation";
import { z } from "zod";
import { IncidentDetailView } from "@/components/incidents/incident-detail";
import { CrumbLabel } from "@/components/shell/crumb-labels";
import { incidentQuery } from "@/components/incidents/query-options";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { getIncident } from "@/lib/incidents/queries";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { getModel } from "@/lib/registry/queries";

export const metadata = { title: "Incident" };

async function load(id: string) {
  if (!z.uuid().safeParse(id).success) notFound();
  try {
    return await getIncident(await getDb(), id);
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
}

/** The affected model's versions, and the version that held production before the current one. */
async function modelContext(name: string) {
  const model = await getModel(await getDb(), name).catch((error: unknown) => {
    if (error instanceof NotFound) return null;
    throw error;
  });
  if (!model) return null;
  const previous = model.stage_history.find((h) => h.to_stage === "production" && h.version !== model.production_version)?.version ?? null;
  return { versions: model.versions.map((v) => v.version), previous };
}

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const incident = await load((await params).id);
  const model = "model" in incident.target ? await modelContext(incident.target.model) : null;
  const rollback =
    "model" in incident.target && model?.previous && userCan(user, "rollback") ? { model: incident.target.model, toVersion: model.previous } : null;
  return (
    <Prefetched seeds={[seed(incidentQuery(incident.id), incident)]}>
      <CrumbLabel segment={incident.id} label={incident.rule} />
      <IncidentDetailView id={incident.id} modelVersions={model?.versions ?? null} canManage={userCan(user, "incidents.manage")} rollback={rollback} />
    </Prefetched>
  );
}
