import type { ModelSummary, StageChangeView } from "@/lib/registry/schemas";
import { getDb } from "@/lib/db";
import { Prefetched, seed } from "@/lib/pages/prefetch";
import { isQualityTask, metricFitsTask, primaryMetricOf } from "@/lib/quality/metrics";
import { qualitySeries } from "@/lib/quality/queries";
import { Panel } from "@/components/ui/panel";
import { ModelQualityView, type QualityModel } from "./model-quality-view";
import { parseQualityRange } from "./quality-rows";
import { qualityQuery, qualityWindow } from "./query-options";

/**
 * The model page's Quality section: reads the series the URL asks for through the domain and
 * seeds the client's cache under the view's own query options. A model without a quality task
 * says how to give it one.
 */
export async function ModelQuality({
  model,
  searchParams,
}: {
  model: Pick<ModelSummary, "name" | "task" | "primary_metric" | "production_version"> & { versions: { version: string }[]; stage_history: StageChangeView[] };
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const task = model.task;
  if (!isQualityTask(task)) {
    return (
      <Panel className="mt-6" title="Quality">
        <p className="text-zinc-600 dark:text-zinc-400">
          {model.name} has the task “{task || "none"}”, which has no quality metrics. Set it to binary_classification, multiclass_classification or regression
          with <code>PATCH /api/v1/models/{model.name}</code> to see realized and estimated quality here.
        </p>
      </Panel>
    );
  }
  const primary = primaryMetricOf(task, model.primary_metric)!;
  const asked = typeof searchParams.quality_metric === "string" ? searchParams.quality_metric : undefined;
  const metric = asked && metricFitsTask(asked, task) ? asked : primary;
  const range = parseQualityRange(typeof searchParams.quality_range === "string" ? searchParams.quality_range : undefined);
  const { from, to, bucket } = qualityWindow(range);
  const answer = await qualitySeries(await getDb(), model.name, { metric, from, to, bucket });
  const view: QualityModel = {
    name: model.name,
    task,
    primary_metric: primary,
    versions: model.versions.map((v) => v.version),
    production: model.production_version,
    deploys: model.stage_history.filter((h) => h.to_stage === "production").map((h) => ({ version: h.version, at: h.at })),
  };
  return (
    <Prefetched seeds={[seed(qualityQuery(model.name, metric, range), answer)]}>
      <ModelQualityView model={view} />
    </Prefetched>
  );
}
