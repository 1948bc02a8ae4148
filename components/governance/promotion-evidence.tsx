import { ModelCard } from "@/components/models/model-card";
import { MetricGrid } from "@/components/models/metric-grid";
import { ProducedBy } from "@/components/models/produced-by";
import { StatusBadge } from "@/components/ui/status-badge";
import { DomainError } from "@/lib/errors";
import type { Db } from "@/lib/db";
import { modelDrift, type ModelDriftAnswer } from "@/lib/drift/queries";
import type { PromotionDetail } from "@/lib/governance/views";
import { storedMetricNames } from "@/lib/metrics/queries";
import { pickQualityMetric } from "@/lib/metrics/display";
import { producingRun } from "@/lib/pipelines/queries";
import { getModel } from "@/lib/registry/queries";
import { QualityGateEvidence } from "@/components/quality/quality-gate-evidence";

const DAY_MS = 86_400_000;

/** The candidate's drift as its gate judges it: by the reference sample and settings the request bound. */
async function candidateDrift(db: Db, promotion: PromotionDetail): Promise<ModelDriftAnswer | null> {
  const to = new Date();
  const { reference_sample_id, settings } = promotion.drift_evidence;
  try {
    return await modelDrift(
      db,
      promotion.model,
      { version: promotion.version, from: new Date(to.getTime() - DAY_MS), to },
      { referenceSampleId: reference_sample_id, settings },
    );
  } catch (error) {
    // No such version any more, or nothing drift can judge: the evidence section says so in words.
    if (error instanceof DomainError) return null;
    throw error;
  }
}

function DriftSummary({ drift }: { drift: ModelDriftAnswer | null }) {
  if (drift?.reference_size === 0) {
    return (
      <p className="text-zinc-600 dark:text-zinc-400">
        The version had no reference sample when the request was made: there is nothing to judge drift against.
      </p>
    );
  }
  if (!drift || drift.features.length === 0) {
    return <p className="text-zinc-600 dark:text-zinc-400">No feature traffic for this version in the last 24 h: there is nothing to judge drift on.</p>;
  }
  const drifted = drift.features.filter((f) => f.drifted);
  return (
    <div className="space-y-2">
      <p className="flex flex-wrap items-center gap-2">
        {drift.drifted ? <StatusBadge status="drifting" /> : <StatusBadge status="healthy" label="no model drift" />}
        <span className="tabular">
          {drifted.length} of {drift.features.length} features drifted ({Math.round(drift.share_drifted * 100)} %) · reference{" "}
          {drift.reference_size.toLocaleString("en")} · current {drift.current_size.toLocaleString("en")} records, last 24 h
        </span>
      </p>
      {drifted.length > 0 && (
        <ul className="tabular list-inside list-disc text-zinc-700 dark:text-zinc-300">
          {drifted.map((f) => (
            <li key={f.feature}>
              {f.feature}: {f.method} {f.statistic === null ? "∞" : f.statistic.toPrecision(3)} (threshold {f.threshold})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * What a reviewer weighs beside the gates: the candidate's live metrics against production, its
 * drift, the pipeline run that produced it, and its model card, all on the request page.
 */
export async function PromotionEvidence({ db, promotion }: { db: Db; promotion: PromotionDetail }) {
  const [model, stored, drift, produced] = await Promise.all([
    getModel(db, promotion.model),
    storedMetricNames(db, promotion.model),
    candidateDrift(db, promotion),
    producingRun(db, promotion.model, promotion.version),
  ]);
  const candidate = promotion.comparison.candidate;
  return (
    <div className="mt-8 space-y-6">
      <MetricGrid
        model={promotion.model}
        versions={model.versions.map((v) => v.version)}
        qualityMetric={pickQualityMetric(stored, Object.keys(candidate.metrics))}
        exampleVersion={promotion.version}
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="candidate-drift-heading">
          <h2 id="candidate-drift-heading" className="mb-2 font-medium">
            Drift of {promotion.version}
          </h2>
          <DriftSummary drift={drift} />
        </section>
        <QualityGateEvidence db={db} promotion={promotion} />
        {produced ? (
          <ProducedBy pipeline={produced.pipeline} run={produced.run} />
        ) : (
          <section aria-labelledby="produced-heading">
            <h2 id="produced-heading" className="mb-2 font-medium">
              Produced by
            </h2>
            <p className="text-zinc-600 dark:text-zinc-400">No pipeline run reported producing this version.</p>
          </section>
        )}
      </div>
      <ModelCard markdown={candidate.model_card} />
    </div>
  );
}
