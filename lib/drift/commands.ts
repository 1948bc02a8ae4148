import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { driftDaily, driftSettings, featureReferences, modelVersions, referenceSamples } from "@/drizzle/schema";
import { Invalid, type FieldIssue } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append";
import { queryRows, type Db, type Tx } from "@/lib/db";
import { referenceCalibration } from "@/lib/quality/calibration";
import { saveReferenceCalibration } from "@/lib/quality/reference";
import { getVersion, requireModel } from "@/lib/registry/queries";
import { addToBucket, bucketKey, groupByBucket, kindConflicts, kindOf, type BucketState, type ObservedValue, type ValueKind } from "./buckets";
import type { Random } from "./reservoir";
import type { FeatureRecordInput, ReferenceUploadInput, DriftSettingsInput } from "./schemas";
import { listDriftSettings } from "./queries";

/**
 * Replaces a version's reference sample, audited in the same transaction. The replaced sample is
 * kept (promotion requests made under it still judge drift by it); the cached daily drift of the
 * version is dropped: it was computed against the old reference. The model's outputs on the
 * reference, when given, replace the version's quality calibration in the same transaction.
 */
export async function storeReference(db: Db, modelName: string, version: string, input: ReferenceUploadInput, by: Caller) {
  const target = await getVersion(db, modelName, version);
  const calibration = referenceCalibration((await requireModel(db, modelName)).task, input.records);
  const conflicts = kindConflicts(input.records, new Map());
  if (conflicts.length) throw new Invalid(conflicts, "Each feature must hold one kind of value; nothing was stored");
  const columns = new Map<string, { kind: ValueKind | null; values: (number | string | boolean)[]; missing: number }>();
  for (const record of input.records) {
    for (const [feature, value] of Object.entries(record.features)) {
      const column = columns.get(feature) ?? { kind: null, values: [], missing: 0 };
      if (value === null) column.missing++;
      else {
        column.kind ??= kindOf(value);
        column.values.push(value);
      }
      columns.set(feature, column);
    }
  }
  const empty = [...columns].filter(([, c]) => c.kind === null).map(([feature]) => feature);
  if (empty.length) {
    throw new Invalid(
      empty.map((feature) => ({ path: `records.features.${feature}`, message: "is null in every record" })),
      "A reference feature needs at least one value that is not null",
    );
  }
  return db.transaction(async (tx) => {
    // Two uploads for one version take turns: exactly one sample is in force after both.
    await tx.execute(sql`select id from model_versions where id = ${target.id} for update`);
    await tx
      .update(referenceSamples)
      .set({ replacedAt: sql`now()` })
      .where(and(eq(referenceSamples.modelVersionId, target.id), isNull(referenceSamples.replacedAt)));
    const [sample] = await tx
      .insert(referenceSamples)
      .values({ modelVersionId: target.id, recordCount: input.records.length, createdBy: by.actor })
      .returning({ id: referenceSamples.id });
    await tx.delete(driftDaily).where(eq(driftDaily.modelVersionId, target.id));
    const rows = [...columns].map(([feature, c]) => ({ sampleId: sample.id, feature, valueKind: c.kind as ValueKind, values: c.values, missing: c.missing }));
    await tx.insert(featureReferences).values(rows);
    await saveReferenceCalibration(tx, target.id, calibration);
    const features = rows.map((r) => ({ feature: r.feature, kind: r.valueKind, n: r.values.length, missing: r.missing }));
    const labeledScores = calibration.labeledScores;
    await appendAudit(tx, by, {
      action: "model.reference_uploaded",
      target: target.modelName,
      detail: { version, records: input.records.length, features, labeled_scores: labeledScores, calibrated: calibration.calibration !== null },
    });
    return { model: target.modelName, version, records: input.records.length, features };
  });
}

interface LockedBucket {
  feature: string;
  hour: string | Date;
  value_kind: ValueKind | null;
  seen: string | number;
  missing: string | number;
  sample: number[] | string;
  counts: Record<string, number> | string;
}

/**
 * Folds a batch of feature records into the version's hourly buckets inside the caller's
 * transaction. Rows are created empty first (`on conflict do nothing`), then locked with
 * `select … for update` in key order, so two batches touching the same bucket take turns
 * instead of overwriting each other, and never deadlock.
 */
export async function storeFeatureRecords(tx: Tx, versionId: string, records: FeatureRecordInput[], random: Random = Math.random): Promise<void> {
  const references = await tx
    .select({ feature: featureReferences.feature, kind: featureReferences.valueKind })
    .from(featureReferences)
    .innerJoin(referenceSamples, eq(referenceSamples.id, featureReferences.sampleId))
    .where(and(eq(referenceSamples.modelVersionId, versionId), isNull(referenceSamples.replacedAt)));
  const known = new Map(references.map((r) => [r.feature, { kind: r.kind, where: "the reference sample" }]));
  const conflicts = kindConflicts(records, known);
  if (conflicts.length) throw new Invalid(conflicts, "Each feature must hold one kind of value; nothing was stored");

  const groups = [...groupByBucket(records).values()].sort((a, b) => (bucketKey(a.feature, a.hour) < bucketKey(b.feature, b.hour) ? -1 : 1));
  if (groups.length === 0) return;
  const keys = JSON.stringify(groups.map((g) => ({ feature: g.feature, hour: g.hour.toISOString() })));
  const keyRows = sql`json_to_recordset(${keys}::json) as k(feature text, hour timestamptz)`;
  await tx.execute(sql`
    insert into feature_buckets (model_version_id, feature, hour)
    select ${versionId}::uuid, feature, hour from ${keyRows}
    on conflict do nothing`);
  const locked = await queryRows<LockedBucket>(
    tx as unknown as Db,
    sql`
      select b.feature, b.hour, b.value_kind, b.seen, b.missing, b.sample, b.counts
      from feature_buckets b join ${keyRows} on b.feature = k.feature and b.hour = k.hour
      where b.model_version_id = ${versionId}::uuid
      order by b.feature, b.hour
      for update of b`,
  );
  const current = new Map(locked.map((row) => [bucketKey(row.feature, new Date(row.hour)), bucketState(row)]));

  const details: FieldIssue[] = [];
  const updated = groups.map((group) => {
    const before = current.get(bucketKey(group.feature, group.hour)) as BucketState;
    const present = group.values.find((v): v is Exclude<ObservedValue, null> => v !== null);
    if (present !== undefined && before.valueKind !== null && before.valueKind !== kindOf(present)) {
      details.push({
        path: `records.features.${group.feature}`,
        message: `is a ${kindOf(present)}, but ${group.feature} already holds ${before.valueKind}s for the hour of ${group.hour.toISOString()}`,
      });
    }
    const after = addToBucket(before, group.values, random);
    return { feature: group.feature, hour: group.hour.toISOString(), ...after };
  });
  if (details.length) throw new Invalid(details, "Each feature must hold one kind of value; nothing was stored");

  const rows = JSON.stringify(
    updated.map((u) => ({ feature: u.feature, hour: u.hour, value_kind: u.valueKind, seen: u.seen, missing: u.missing, sample: u.sample, counts: u.counts })),
  );
  await tx.execute(sql`
    update feature_buckets b set value_kind = u.value_kind, seen = u.seen, missing = u.missing, sample = u.sample, counts = u.counts
    from json_to_recordset(${rows}::json) as u(feature text, hour timestamptz, value_kind text, seen bigint, missing bigint, sample jsonb, counts jsonb)
    where b.model_version_id = ${versionId}::uuid and b.feature = u.feature and b.hour = u.hour`);
  // Late traffic for a day already summarised: that day's cached drift no longer holds.
  await tx.execute(sql`
    delete from drift_daily d using ${keyRows}
    where d.model_version_id = ${versionId}::uuid and d.feature = k.feature and d.day = (k.hour at time zone 'UTC')::date`);
}

/** node-postgres returns bigint as string and jsonb parsed; PGlite parses both. Normalise. */
export function bucketState(row: Pick<LockedBucket, "value_kind" | "seen" | "missing" | "sample" | "counts">): BucketState {
  return {
    valueKind: row.value_kind,
    seen: Number(row.seen),
    missing: Number(row.missing),
    sample: typeof row.sample === "string" ? (JSON.parse(row.sample) as number[]) : row.sample,
    counts: typeof row.counts === "string" ? (JSON.parse(row.counts) as Record<string, number>) : row.counts,
  };
}

/**
 * Sets (or, with method and threshold both null, clears) per-feature overrides, audited in the
 * same transaction. The cached daily drift of those features is dropped: it used the old setting.
 */
export async function putDriftSettings(db: Db, modelName: string, input: DriftSettingsInput, by: Caller) {
  const model = await requireModel(db, modelName);
  await db.transaction(async (tx) => {
    for (const s of input.settings) {
      const method = s.method ?? null;
      const threshold = s.threshold ?? null;
      if (method === null && threshold === null) {
        await tx.delete(driftSettings).where(and(eq(driftSettings.modelId, model.id), eq(driftSettings.feature, s.feature)));
      } else {
        await tx
          .insert(driftSettings)
          .values({ modelId: model.id, feature: s.feature, method, threshold, updatedBy: by.actor })
          .onConflictDoUpdate({
            target: [driftSettings.modelId, driftSettings.feature],
            set: { method, threshold, updatedBy: by.actor, updatedAt: sql`now()` },
          });
      }
    }
    const versionIds = tx.select({ id: modelVersions.id }).from(modelVersions).where(eq(modelVersions.modelId, model.id));
    await tx.delete(driftDaily).where(
      and(
        inArray(driftDaily.modelVersionId, versionIds),
        inArray(
          driftDaily.feature,
          input.settings.map((s) => s.feature),
        ),
      ),
    );
    await appendAudit(tx, by, {
      action: "drift.settings_changed",
      target: model.name,
      detail: { settings: input.settings.map((s) => ({ feature: s.feature, method: s.method ?? null, threshold: s.threshold ?? null })) },
    });
  });
  return listDriftSettings(db, modelName);
}
