import { ModelDrift } from "@/components/drift/model-drift";
import { MetricGrid } from "@/components/models/metric-grid";
import { ModelHeader } from "@/components/models/model-header";
import { StageHistory } from "@/components/models/stage-history";
import { VersionsTable } from "@/components/models/versions-table";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { orNotFound } from "@/lib/not-found";
import { getModel } from "@/lib/registry/queries";
import { ModelActions } from "@/components/governance/model-actions";
import { PendingPromotionBanner } from "@/components/governance/pending-banner";
import { ModelQuality } from "@/components/quality/model-quality";
import { readModelView } from "@/components/models/model-view";

async function loadModel(name: string) {
  const db = await getDb();
  return orNotFound(async () => {
    return getModel(db, name);
  });
}

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: decodeURIComponent((await params).name) };
}

/** One section per component, so other domains add theirs (drift, promotion actions) with one line. */
export default async function ModelPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  const query = await searchParams;
  const model = await loadModel(decodeURIComponent((await params).name));
  const current = model.versions.find((v) => v.version === model.production_version) ?? model.versions[0];
  return (
    <>
      <PendingPromotionBanner db={await getDb()} model={model.name} />
      <ModelHeader model={model} />
      <ModelActions
        model={model.name}
        versions={model.versions}
        formerProduction={[
          ...new Set(model.stage_history.filter((h) => h.to_stage === "production" && h.version !== model.production_version).map((h) => h.version)),
        ]}
        canRequest={userCan(user, "promotion.request")}
        canRollback={userCan(user, "rollback")}
      />
      <MetricGrid
        model={model.name}
        versions={model.versions.map((v) => v.version)}
        exampleVersion={current?.version ?? "v1"}
        lastChange={model.stage_history.filter((h) => h.to_stage !== "archived").reduce<string | null>((last, h) => (last && last > h.at ? last : h.at), null)}
      />
      <ModelQuality model={model} searchParams={query} />
      <div className="grid gap-6 xl:grid-cols-2">
        <VersionsTable model={model.name} versions={model.versions} />
        <StageHistory history={model.stage_history} />
      </div>
      <ModelDrift model={model.name} view={readModelView(query)} />
    </>
  );
}
