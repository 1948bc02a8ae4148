/**
 * A model's own serving baseline: what its p95 latency and error rate usually are, so that a
 * spike is judged against the model itself and not against a fleet-wide bound. Pure: the spells
 * come from the stage history, the figures from the hourly rollups of those spells.
 */
const DAY_MS = 86_400_000;
/** How much history the baseline averages. */
export const BASELINE_MS = 7 * DAY_MS;

/** A stint of one version in production: from its move there until its move away (null: still there). */
export interface ProductionSpell {
  version: string;
  version_id: string;
  from: number;
  to: number | null;
}

export interface StageMove {
  version: string;
  version_id: string;
  from_stage: string;
  to_stage: string;
  at: number;
}

/** The production spells of one model, oldest first, from its stage moves in any order. */
export function productionSpells(moves: readonly StageMove[]): ProductionSpell[] {
  const spells: ProductionSpell[] = [];
  for (const move of [...moves].sort((a, b) => a.at - b.at)) {
    if (move.from_stage === "production") {
      const open = spells.find((s) => s.version === move.version && s.to === null);
      if (open) open.to = move.at;
    }
    if (move.to_stage === "production") spells.push({ version: move.version, version_id: move.version_id, from: move.at, to: null });
  }
  return spells;
}

export interface BaselineWindow {
  from: number;
  to: number;
  /** Set when the current production version took over within the baseline's reach: the week before that moment is the baseline. */
  before_promotion_of: string | null;
  promoted_at: number | null;
  /** The parts of the window some version served production in: the only rollups the baseline reads. */
  segments: { version_id: string; from: number; to: number }[];
}

/**
 * The window a model's last 24 hours (from `windowFrom`) are compared with. A version promoted
 * less than a week before the window is compared with the week before its promotion, whoever
 * served then, so that a regression it brought is not averaged into its own baseline; otherwise
 * the model's own week before the window. Null without a version in production.
 */
export function baselineWindow(spells: readonly ProductionSpell[], windowFrom: number): BaselineWindow | null {
  const current = spells.findLast((s) => s.to === null);
  if (!current) return null;
  const recent = current.from > windowFrom - BASELINE_MS;
  const to = recent ? current.from : windowFrom;
  const from = to - BASELINE_MS;
  const segments = spells.map((s) => ({ version_id: s.version_id, from: Math.max(s.from, from), to: Math.min(s.to ?? to, to) })).filter((s) => s.from < s.to);
  return { from, to, before_promotion_of: recent ? current.version : null, promoted_at: recent ? current.from : null, segments };
}
