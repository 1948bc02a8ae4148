/**
 * The fleet table's default order, most urgent first: production models with a problem (drifting
 * or degraded, more problems first), then production models whose quality dropped, then the
 * healthy ones, and last the models with no signal (no production version, or nothing measured).
 * Pure, so the order is tested as a table.
 */
export interface SeverityInput {
  name: string;
  status: string;
  production_version: string | null;
  quality: { dropped: boolean; change: number | null; baseline: number | null; lower_is_better: boolean } | null;
}

/** How far quality fell, relative to its baseline (0 when it did not). */
function qualityDrop(q: SeverityInput["quality"]): number {
  if (!q?.dropped || q.change === null || !q.baseline) return 0;
  return ((q.lower_is_better ? 1 : -1) * q.change) / Math.abs(q.baseline);
}

/** Lower is more urgent. */
export function severityTier(m: SeverityInput): number {
  if (!m.production_version || m.status === "unknown") return 3;
  if (m.status === "drifting" || m.status === "degraded") return 0;
  if (m.quality?.dropped) return 1;
  return 2;
}

export function bySeverity(a: SeverityInput, b: SeverityInput): number {
  const problems = (m: SeverityInput) => (m.status === "drifting" || m.status === "degraded" ? 1 : 0) + (m.quality?.dropped ? 1 : 0);
  return severityTier(a) - severityTier(b) || problems(b) - problems(a) || qualityDrop(b.quality) - qualityDrop(a.quality) || a.name.localeCompare(b.name);
}
