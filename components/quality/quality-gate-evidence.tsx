import { Table } from "@/components/ui/table";
import type { Db } from "@/lib/db";
import type { PromotionDetail } from "@/lib/governance/views";
import { formatNumber } from "@/lib/metrics/display";
import { MIN_LABELED_FOR_GATE, type QualityEvidence, type RealizedEvidence } from "@/lib/quality/gate";
import { METRIC_LABELS } from "@/lib/quality/metrics";
import { qualityGateEvidence } from "@/lib/quality/queries";
import { getVersion } from "@/lib/registry/queries";

/** The quality gate's evidence now, by the task and metric the request bound: what its gate compares. */
async function evidenceOf(db: Db, promotion: PromotionDetail): Promise<QualityEvidence> {
  const candidate = await getVersion(db, promotion.model, promotion.version);
  const production = promotion.comparison.production ? await getVersion(db, promotion.model, promotion.comparison.production.version) : null;
  return qualityGateEvidence(db, promotion.quality_evidence, candidate, production, new Date());
}

function Row({ role, evidence }: { role: string; evidence: RealizedEvidence }) {
  const thin = evidence.n_labeled < MIN_LABELED_FOR_GATE;
  return (
    <tr className="tabular">
      <td className="px-3 py-2">
        <span className="font-medium">{evidence.version}</span> <span className="text-zinc-500 dark:text-zinc-400">{role}</span>
      </td>
      <td className="px-3 py-2 text-right">{evidence.value !== null ? formatNumber(evidence.value) : evidence.n_labeled === 0 ? "—" : "undefined"}</td>
      <td className="px-3 py-2 text-right">{evidence.interval ? `${formatNumber(evidence.interval.low)}–${formatNumber(evidence.interval.high)}` : "—"}</td>
      <td className={thin ? "px-3 py-2 text-right text-amber-700 dark:text-amber-300" : "px-3 py-2 text-right"}>
        {evidence.n_labeled.toLocaleString("en")}
        {thin && <span className="sr-only"> (fewer than {MIN_LABELED_FOR_GATE})</span>}
      </td>
    </tr>
  );
}

/** Candidate and production side by side on the metric the quality gate judges: realized over the last 7 days on labeled traffic. */
export async function QualityGateEvidence({ db, promotion }: { db: Db; promotion: PromotionDetail }) {
  const evidence = await evidenceOf(db, promotion);
  return (
    <section aria-labelledby="quality-evidence-heading" data-testid="quality-evidence">
      <h2 id="quality-evidence-heading" className="mb-2 font-medium">
        Realized quality, last 7 days
      </h2>
      {"missing" in evidence ? (
        <p className="text-zinc-600 dark:text-zinc-400">No quality evidence: {evidence.missing}.</p>
      ) : (
        <>
          <Table
            label={`${METRIC_LABELS[evidence.metric]} of candidate and production`}
            columns={[
              { label: "Version" },
              { label: METRIC_LABELS[evidence.metric], numeric: true },
              { label: "95 % interval", numeric: true },
              { label: "Labeled", numeric: true },
            ]}
          >
            <Row role="candidate" evidence={evidence.candidate} />
            {evidence.production && <Row role="production" evidence={evidence.production} />}
          </Table>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {METRIC_LABELS[evidence.metric]}, bound when the request was made
            {evidence.production ? "" : "; no version in production to compare against"}. The gate needs {MIN_LABELED_FOR_GATE} labeled predictions on each
            side.
          </p>
        </>
      )}
    </section>
  );
}
