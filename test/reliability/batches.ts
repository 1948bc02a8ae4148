import { randomUUID } from "node:crypto";

export interface Batch {
  id: string;
  metric: string;
  body: string;
}

/** One writer's n-th ingest batch of `size` points, each labelled with the batch's id so a count can find it. */
export function batch(metric: string, writer: number, n: number, size: number): Batch {
  const id = `${writer}-${n}-${randomUUID().slice(0, 8)}`;
  const ts = Date.now() - 3_600_000;
  const points = Array.from({ length: size }, (_, i) => ({
    model: "fraud-detector",
    version: "v3",
    metric,
    ts: new Date(ts + i).toISOString(),
    value: i,
    labels: { batch: id },
  }));
  return { id, metric, body: JSON.stringify({ points }) };
}
