import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { models, modelVersions } from "@/drizzle/schema";
import { queryRows, type Tx } from "@/lib/db";
import { storeFeatureRecords } from "@/lib/drift/commands";
import { Conflict, Invalid, type FieldIssue } from "@/lib/errors";
import { isQualityTask, type QualityTask } from "./metrics";
import { contentHash, outputForTask, type StoredOutput } from "./records";
import type { IngestLabelsInput, IngestPredictionsInput } from "./schemas";

// Prediction and label ingestion of one model take turns (a transaction-scoped advisory lock on
// the model), so a label can never slip past a prediction being stored at the same moment.
const QUALITY_LOCK_CLASS = 7_461_012;

/** Reported issues a refusal names at most: enough to fix a batch, never a 10,000-line answer. */
const MAX_DETAILS = 100;

interface QualityModel {
  id: string;
  name: string;
  task: QualityTask;
}

/** The model a batch names, locked for the batch: 422 naming `model` when unknown or without a quality task. */
async function lockQualityModel(tx: Tx, name: string): Promise<QualityModel> {
  const model = await tx.query.models.findFirst({ where: eq(models.name, name) });
  if (!model) throw new Invalid([{ path: "model", message: `unknown model ${name}` }], "The batch names an unknown model; nothing was stored");
  if (!isQualityTask(model.task)) {
    throw new Invalid([
      {
        path: "model",
        message: `${name} has the task ${JSON.stringify(model.task)}, which has no quality metrics: set binary_classification, multiclass_classification or regression with PATCH /models/${name}`,
      },
    ]);
  }
  await tx.execute(sql`select pg_advisory_xact_lock(${QUALITY_LOCK_CLASS}, hashtext(${model.id}))`);
  return { id: model.id, name: model.name, task: model.task };
}

function refuseMisfits(details: FieldIssue[], what: string): void {
  if (details.length) throw new Invalid(details.slice(0, MAX_DETAILS), `${what} that do not fit the model's task; nothing was stored`);
}

const numberOf = (output: StoredOutput) => (output.kind === "number" ? output.value : null);
const classOf = (output: StoredOutput) => (output.kind === "class" ? output.value : null);

/**
 * Stores a batch of predictions whole or not at all, in the caller's transaction. A record already
 * stored with the same content is accepted and stores nothing (its features do not feed drift
 * twice); the same id with other content refuses the batch with 409 naming it. Labels that arrived
 * before their predictions are joined now. Features feed drift through the same code as
 * `/ingest/features`.
 */
export async function ingestPredictions(tx: Tx, input: IngestPredictionsInput): Promise<{ accepted: number }> {
  const model = await lockQualityModel(tx, input.model);
  const version = await tx.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, input.version)) });
  if (!version)
    throw new Invalid(
      [{ path: "version", message: `unknown version ${input.version} of model ${input.model}` }],
      "The batch names an unknown version; nothing was stored",
    );

  const misfits: FieldIssue[] = [];
  const records = input.records.map((record, index) => {
    const prediction = outputForTask(model.task, record.prediction);
    if (typeof prediction === "string") misfits.push({ path: `records[${index}].prediction`, message: prediction });
    return { record, index, prediction: prediction as StoredOutput };
  });
  refuseMisfits(misfits, "Predictions");

  const hashed = records.map((r) => ({
    ...r,
    ts: new Date(r.record.ts),
    hash: contentHash({
      version: input.version,
      ts: new Date(r.record.ts),
      prediction: r.prediction,
      score: r.record.score ?? null,
      features: r.record.features ?? null,
    }),
  }));
  const conflicts: FieldIssue[] = [];
  const firstOfId = new Map<string, (typeof hashed)[number]>();
  for (const r of hashed) {
    const first = firstOfId.get(r.record.id);
    if (!first) firstOfId.set(r.record.id, r);
    else if (first.hash !== r.hash)
      conflicts.push({ path: `records[${r.index}].id`, message: `${r.record.id} appears twice in the batch with different content (records[${first.index}])` });
  }
  const unique = [...firstOfId.values()];
  const stored = await queryRows<{ record_id: string; content_hash: string }>(
    tx,
    sql`select record_id, content_hash from predictions
        where model_id = ${model.id}::uuid and record_id in (select value from json_array_elements_text(${JSON.stringify(unique.map((r) => r.record.id))}::json))`,
  );
  const storedHash = new Map(stored.map((s) => [s.record_id, s.content_hash]));
  for (const r of unique) {
    const hash = storedHash.get(r.record.id);
    if (hash !== undefined && hash !== r.hash)
      conflicts.push({ path: `records[${r.index}].id`, message: `${r.record.id} is already stored with other content` });
  }
  if (conflicts.length) throw new Conflict("Prediction ids already stored with other content; nothing was stored", conflicts.slice(0, MAX_DETAILS));

  const fresh = unique.filter((r) => !storedHash.has(r.record.id));
  if (fresh.length === 0) return { accepted: input.records.length };
  const rows = JSON.stringify(
    fresh.map((r) => ({
      id: r.record.id,
      ts: r.ts.toISOString(),
      prediction: numberOf(r.prediction),
      prediction_class: classOf(r.prediction),
      score: r.record.score ?? null,
      hash: r.hash,
    })),
  );
  await tx.execute(sql`
    insert into predictions (model_id, record_id, model_version_id, ts, prediction, prediction_class, score, content_hash)
    select ${model.id}::uuid, r.id, ${version.id}::uuid, r.ts, r.prediction, r.prediction_class, r.score, r.hash
    from json_to_recordset(${rows}::json) as r(id text, ts timestamptz, prediction float8, prediction_class text, score float8, hash text)`);
  // Labels that came first.
  await tx.execute(sql`
    update predictions p set label = l.label, label_class = l.label_class
    from labels l
    where l.model_id = ${model.id}::uuid and p.model_id = l.model_id and p.record_id = l.record_id
      and l.record_id in (select r.id from json_to_recordset(${rows}::json) as r(id text))`);

  const withFeatures = fresh.filter((r) => r.record.features !== undefined);
  if (withFeatures.length)
    await storeFeatureRecords(
      tx,
      version.id,
      withFeatures.map((r) => ({ ts: r.record.ts, features: r.record.features! })),
    );
  return { accepted: input.records.length };
}

/**
 * Stores a batch of labels whole or not at all. Each label is kept by model and id and copied onto
 * its prediction if that has arrived (else when it arrives); a later label for an id replaces the
 * earlier one, within a batch too. `matched` counts the records whose prediction is stored.
 */
export async function ingestLabels(tx: Tx, input: IngestLabelsInput): Promise<{ accepted: number; matched: number }> {
  const model = await lockQualityModel(tx, input.model);
  const misfits: FieldIssue[] = [];
  const latest = new Map<string, StoredOutput>();
  input.records.forEach((record, index) => {
    const label = outputForTask(model.task, record.label);
    if (typeof label === "string") misfits.push({ path: `records[${index}].label`, message: label });
    else latest.set(record.id, label);
  });
  refuseMisfits(misfits, "Labels");

  const rows = JSON.stringify([...latest].map(([id, label]) => ({ id, label: numberOf(label), label_class: classOf(label) })));
  const recordset = sql`json_to_recordset(${rows}::json) as r(id text, label float8, label_class text)`;
  await tx.execute(sql`
    insert into labels (model_id, record_id, label, label_class)
    select ${model.id}::uuid, r.id, r.label, r.label_class from ${recordset}
    on conflict (model_id, record_id) do update set label = excluded.label, label_class = excluded.label_class, received_at = now()`);
  const matched = await queryRows<{ record_id: string }>(
    tx,
    sql`update predictions p set label = r.label, label_class = r.label_class
        from ${recordset}
        where p.model_id = ${model.id}::uuid and p.record_id = r.id
        returning p.record_id`,
  );
  const matchedIds = new Set(matched.map((m) => m.record_id));
  return { accepted: input.records.length, matched: input.records.filter((r) => matchedIds.has(r.id)).length };
}
