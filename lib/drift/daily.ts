import "server-only";
import { and, eq, gte, lt } from "drizzle-orm";
import { driftDaily, featureBuckets } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { evaluateDrift, loadReference, loadSettings, mergeBuckets } from "./evaluate";
import type { DriftResult } from "./stats/types";

export const DAILY_HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;

/** One day's verdict of a feature: the drift result without its explanation. */
export type DailyPoint = { day: string } & Pick<DriftResult, "method" | "statistic" | "p_value" | "threshold" | "drifted" | "n_ref" | "n_cur">;

/** Per feature, the drift of each UTC day of the last `days` that had traffic, oldest first. */
export type DailyDrift = Record<string, DailyPoint[]>;

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Incremental: a complete day is computed once and kept in drift_daily (dropped again when its
 * inputs change: see store.ts and settings.ts); only today, and complete days not yet cached,
 * are computed on the way, from the buckets of those days alone.
 */
export async function dailyDrift(db: Db, version: { id: string; modelId: string }, now = new Date(), days = DAILY_HISTORY_DAYS): Promise<DailyDrift> {
  const today = dayOf(now.getTime());
  const firstDay = dayOf(now.getTime() - (days - 1) * DAY_MS);
  const reference = await loadReference(db, version.id);
  if (reference.length === 0) return {};
  const cached = await db
    .select()
    .from(driftDaily)
    .where(and(eq(driftDaily.modelVersionId, version.id), gte(driftDaily.day, firstDay), lt(driftDaily.day, today)));
  const cachedDays = new Set(cached.map((row) => row.day));
  const wanted = Array.from({ length: days }, (_, i) => dayOf(Date.parse(firstDay) + i * DAY_MS));
  const missing = wanted.filter((day) => day === today || !cachedDays.has(day));

  const computed: (DailyPoint & { feature: string })[] = [];
  const buckets = await db
    .select()
    .from(featureBuckets)
    .where(
      and(
        eq(featureBuckets.modelVersionId, version.id),
        gte(featureBuckets.hour, new Date(missing[0])),
        lt(featureBuckets.hour, new Date(Date.parse(today) + DAY_MS)),
      ),
    );
  const settings = await loadSettings(db, version.modelId);
  for (const day of missing) {
    const ofDay = buckets.filter((b) => dayOf(b.hour.getTime()) === day);
    if (ofDay.length === 0) continue;
    const drift = evaluateDrift(reference, mergeBuckets(ofDay), settings);
    for (const f of drift.features) {
      computed.push({
        feature: f.feature,
        day,
        method: f.method,
        statistic: f.statistic,
        p_value: f.p_value,
        threshold: f.threshold,
        drifted: f.drifted,
        n_ref: f.n_ref,
        n_cur: f.n_cur,
      });
    }
  }
  const complete = computed.filter((point) => point.day !== today);
  if (complete.length) {
    await db
      .insert(driftDaily)
      .values(
        complete.map((p) => ({
          modelVersionId: version.id,
          feature: p.feature,
          day: p.day,
          method: p.method,
          statistic: p.statistic,
          pValue: p.p_value,
          threshold: p.threshold,
          drifted: p.drifted,
          nRef: p.n_ref,
          nCur: p.n_cur,
        })),
      )
      // Two viewers computing the same day at once store the same answer; the second is ignored.
      .onConflictDoNothing();
  }
  const result: DailyDrift = {};
  const add = (feature: string, point: DailyPoint) => (result[feature] ??= []).push(point);
  for (const row of cached) {
    add(row.feature, {
      day: row.day,
      method: row.method,
      statistic: row.statistic,
      p_value: row.pValue,
      threshold: row.threshold,
      drifted: row.drifted,
      n_ref: row.nRef,
      n_cur: row.nCur,
    });
  }
  for (const { feature, ...point } of computed) add(feature, point);
  for (const points of Object.values(result)) points.sort((a, b) => a.day.localeCompare(b.day));
  return result;
}

/** The model-level strip: per day, the share of features that drifted that day. */
export function dailyShares(daily: DailyDrift): { day: string; share_drifted: number; features: number }[] {
  const byDay = new Map<string, { drifted: number; features: number }>();
  for (const points of Object.values(daily)) {
    for (const p of points) {
      const entry = byDay.get(p.day) ?? { drifted: 0, features: 0 };
      entry.features++;
      if (p.drifted) entry.drifted++;
      byDay.set(p.day, entry);
    }
  }
  return [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, e]) => ({ day, share_drifted: e.drifted / e.features, features: e.features }));
}
