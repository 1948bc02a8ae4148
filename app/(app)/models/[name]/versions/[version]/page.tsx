import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { ModelActions } from "@/components/governance/model-actions";
import { PendingPromotionBanner } from "@/components/governance/pending-banner";
import { DeclaredMetrics } from "@/components/models/declared-metrics";
import { FeatureImportanceChart } from "@/components/models/feature-importance-chart";
import { ModelCard } from "@/components/models/model-card";
import { ProducedBy } from "@/components/models/produced-by";
import { RelativeTime } from "@/components/ui/relative-time";
import { StageBadge } from "@/components/ui/status-badge";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { orNotFound } from "@/lib/not-found";
import { producingRun } from "@/lib/pipelines/queries";
import { getModel, getVersion } from "@/lib/registry/queries";

type Params = Promise<{ name: string; version: string }>;

async function load(name: string, version: string) {
  const db = await getDb();
  return orNotFound(async () => {
    const model = await getModel(db, name);
    const row = await getVersion(db, name, version);
    return { model, row, produced: await producingRun(db, name, version) };
  });
}

export async function generateMetadata({ params }: { params: Params }) {
  const { name, version } = await params;
  return { title: `${decodeURIComponent(name)} ${decodeURIComponent(version)}` };
}

export default async function VersionPage({ params }: { params: Params }) {
  const user = await requirePageUser();
  const p = await params;
  const { model, row, produced } = await load(decodeURIComponent(p.name), decodeURIComponent(p.version));
  const production = model.versions.find((v) => v.version === model.production_version);
  return (
    <>
      <PendingPromotionBanner db={await getDb()} model={model.name} version={row.version} />
      <div className="mb-5">
        <Link
          href={`/models/${encodeURIComponent(model.name)}`}
          className="inline-flex items-center gap-1 text-xs text-indigo-700 hover:underline dark:text-indigo-300"
        >
          <ArrowLeft aria-hidden className="size-3" /> {model.name}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight">
            {model.name} <span className="text-zinc-500 dark:text-zinc-400">{row.version}</span>
          </h1>
          <StageBadge stage={row.stage} />
        </div>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Registered <RelativeTime iso={row.createdAt.toISOString()} /> by {row.createdBy}
          {row.artifactUri && (
            <>
              {" "}
              · artifact <code className="break-all">{row.artifactUri}</code>
            </>
          )}
          {row.trainingRun && <> · training run {row.trainingRun}</>}
        </p>
      </div>
      <ModelActions
        model={model.name}
        versions={model.versions.filter((v) => v.version === row.version)}
        formerProduction={[]}
        canRequest={userCan(user, "promotion.request")}
        canRollback={false}
      />
      <div className="grid gap-6 xl:grid-cols-5">
        <div className="xl:col-span-3">
          <ModelCard markdown={row.modelCard} />
        </div>
        <div className="space-y-6 xl:col-span-2">
          <DeclaredMetrics
            metrics={row.metrics}
            production={production && production.version !== row.version ? { version: production.version, metrics: production.metrics } : null}
          />
          <FeatureImportanceChart
            importance={row.featureImportance}
            model={model.name}
            compare={row.version === model.production_version ? null : row.version}
          />
          {produced && <ProducedBy pipeline={produced.pipeline} run={produced.run} />}
        </div>
      </div>
    </>
  );
}
