import "server-only";
import { SYSTEM_CALLER } from "@/lib/auth/caller";
import type { Db } from "@/lib/db";
import { DEMO_MODELS } from "@/lib/demo/fleet";
import type { SimulatorTick } from "@/lib/demo/simulator";
import { ingestFeatureRecords } from "@/lib/ingest/features";
import { log } from "@/lib/log";
import { demoRecords, EPISODE_START_DAYS_AGO, seededRandom } from "./demo-features";
import { storeReference } from "./store";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HISTORY_DAYS = 14;
const REFERENCE_RECORDS = 2_000;
/** Records an hour in the seeded history: enough for distances to be stable day by day. */
const RECORDS_PER_HOUR: Record<string, number> = { "fraud-detector": 60 };
const DEFAULT_RECORDS_PER_HOUR = 30;

/** Versions that serve traffic now, with when they started to: production and staging. */
function liveVersions() {
  return DEMO_MODELS.flatMap((model) => {
    const stages = model.versions.flatMap((v) => (v.stages ?? []).map((s) => ({ version: v.version, ...s })));
    const live = model.versions.filter((v) => {
      const last = stages.filter((s) => s.version === v.version).sort((a, b) => a.daysAgo - b.daysAgo)[0];
      const superseded = last && stages.some((s) => s.to === last.to && s.daysAgo < last.daysAgo && s.version !== v.version);
      return last && !superseded;
    });
    // Production versions get the full history; a staging candidate only since it reached staging.
    return live.map((v) => ({
      model: model.name,
      version: v.version,
      sinceDaysAgo: v.stages?.some((s) => s.to === "production") ? HISTORY_DAYS : Math.min(HISTORY_DAYS, Math.max(...(v.stages ?? []).map((s) => s.daysAgo))),
    }));
  });
}

function isEpisode(model: string, ts: number, now: number): boolean {
  return model === "fraud-detector" && ts >= now - EPISODE_START_DAYS_AGO * DAY_MS;
}

/**
 * Reference samples for every demo version, then 14 days of hourly traffic for the versions in
 * production and staging, through the same domain functions as the API, one batch a day.
 */
export async function seedDriftDemo(db: Db, now = Date.now()): Promise<void> {
  const started = Date.now();
  const random = seededRandom(20261120);
  for (const model of DEMO_MODELS) {
    for (const version of model.versions) {
      const records = demoRecords(model.name, REFERENCE_RECORDS, random).map((features) => ({ features }));
      await storeReference(db, model.name, version.version, { records }, SYSTEM_CALLER);
    }
  }
  log.info("seeding demo", { what: "drift reference samples", versions: DEMO_MODELS.reduce((n, m) => n + m.versions.length, 0) });
  const firstHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  let total = 0;
  for (const live of liveVersions()) {
    const perHour = RECORDS_PER_HOUR[live.model] ?? DEFAULT_RECORDS_PER_HOUR;
    for (let day = live.sinceDaysAgo; day >= 0; day--) {
      const records = [];
      for (let h = 0; h < 24; h++) {
        const hour = firstHour - day * DAY_MS + (h - 23) * HOUR_MS;
        // Whole UTC days from the first one on, so that no day of the 30-day strip rests on a handful of values.
        if (hour < Math.floor(now / DAY_MS) * DAY_MS - live.sinceDaysAgo * DAY_MS || hour > now) continue;
        for (const features of demoRecords(live.model, perHour, random, isEpisode(live.model, hour, now))) {
          records.push({ ts: new Date(hour + random() * HOUR_MS * 0.999).toISOString(), features });
        }
      }
      const past = records.filter((r) => Date.parse(r.ts) <= now);
      if (past.length) await ingestFeatureRecords(db, { model: live.model, version: live.version, records: past }, random);
      total += past.length;
    }
    log.info("seeding demo", { what: `feature traffic ${live.model} ${live.version}`, days: live.sinceDaysAgo });
  }
  log.info("seeding demo", { what: "drift history done", records: total, ms: Date.now() - started });
}

const tickRandom = seededRandom(7);

/** The live simulator's part: a few fresh records per live version each tick, the episode still on. */
export const pushLiveFeatures: SimulatorTick = async (client, now) => {
  for (const live of liveVersions()) {
    const records = demoRecords(live.model, 3, tickRandom, isEpisode(live.model, now.getTime(), now.getTime())).map((features) => ({
      ts: now.toISOString(),
      features,
    }));
    const res = await client.post("/api/v1/ingest/features", { model: live.model, version: live.version, records });
    if (res.status !== 202) log.warn("simulator: feature batch refused", { model: live.model, version: live.version, status: res.status });
  }
};
