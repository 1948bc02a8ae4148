import type { Annotation, MetricSeriesAnswer } from "@/lib/metrics/queries";

/**
 * Reshapes the metrics API's per-version buckets into Recharts rows: one row per bucket time,
 * with `a<i>` (avg) and `b<i>` ([min, max]) for the i-th version. Index keys, because Recharts
 * reads dotted keys as paths and version names may hold dots ("1.2.0"). Pure; unit-tested.
 */
export interface ChartRow {
  t: number;
  [key: string]: number | [number, number];
}

export const SERIES_COLOURS = ["#6366f1", "#ec4899", "#06b6d4", "#ca8a04", "#65a30d", "#a1a1aa"];

/** A version's colour follows its place in the model's own list, so it is the same on every chart. */
export function seriesColour(version: string, modelOrder: string[]): string {
  const at = modelOrder.indexOf(version);
  return SERIES_COLOURS[(at < 0 ? modelOrder.length : at) % SERIES_COLOURS.length];
}

/** Versions in a stable order (the model's own, newest first), so a version keeps its colour on every chart. */
export function orderVersions(present: string[], modelOrder: string[]): string[] {
  const known = modelOrder.filter((v) => present.includes(v));
  return [...known, ...present.filter((v) => !modelOrder.includes(v)).sort()];
}

export function chartRows(answer: Pick<MetricSeriesAnswer, "series">, versions: string[], scale = 1): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const series of answer.series) {
    const i = versions.indexOf(series.version);
    if (i < 0) continue;
    for (const p of series.points) {
      const t = Date.parse(p.ts);
      const row = rows.get(t) ?? { t };
      row[`a${i}`] = p.avg * scale;
      row[`b${i}`] = [p.min * scale, p.max * scale];
      rows.set(t, row);
    }
  }
  return [...rows.values()].sort((x, y) => x.t - y.t);
}

/** A line on a chart: the metrics API's annotations, and what a page adds (an incident's pipeline failures). */
export type ChartMarker = Annotation;

export function visibleAnnotations(annotations: ChartMarker[], from: number, to: number): (ChartMarker & { t: number })[] {
  return annotations.map((a) => ({ ...a, t: Date.parse(a.ts) })).filter((a) => a.t >= from && a.t <= to);
}

export interface MarkerLayout {
  /** Which side of its line the label sits: right of it in the chart's left part, left of it near the right edge. */
  side: "left" | "right";
  /** Label row, so that markers close together do not print over each other. */
  row: number;
}

/** Places stage-change labels: away from the chart's edge, stacked when markers crowd together. */
export function layoutMarkers(times: number[], from: number, to: number, crowded = 0.15): MarkerLayout[] {
  const span = Math.max(1, to - from);
  let row = 0;
  return times.map((t, i) => {
    row = i > 0 && (t - times[i - 1]) / span < crowded ? row + 1 : 0;
    return { side: (t - from) / span > 0.7 ? "left" : "right", row };
  });
}

/** About one bucket per two pixels of plot width, never more than the API's 5,000. */
export function maxPointsFor(plotWidth: number): number {
  return Math.max(1, Math.min(5000, Math.floor(plotWidth / 2)));
}

export interface StackedLabel {
  /** Left edge of the label in plot pixels, kept inside the plot. */
  left: number;
  /** Row of the strip above the plot, 0 nearest the plot's top; close labels take the next free row. */
  row: number;
}

/**
 * Places marker labels in the strip above a chart: each as near its line as the plot allows, in the
 * first row where it clears every label already there by `gap` pixels, so labels never print over
 * each other or over the data. Input in any order; answers in the same order. Pure; unit-tested.
 */
export function stackLabels(items: { x: number; width: number }[], plotWidth: number, gap = 4): StackedLabel[] {
  const order = items.map((_, i) => i).sort((a, b) => items[a].x - items[b].x || a - b);
  const rowEnds: number[] = [];
  const placed: StackedLabel[] = new Array(items.length);
  for (const i of order) {
    const { x, width } = items[i];
    const left = Math.max(0, Math.min(x - 3, plotWidth - width));
    let row = rowEnds.findIndex((end) => end + gap <= left);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = left + width;
    placed[i] = { left, row };
  }
  return placed;
}

/** The width a marker label takes at the strip's 10 px type, estimated without measuring the DOM. */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * 5.4) + 12;
}

/** The same event reported twice (the API's list and a page's own) is drawn once. */
export function uniqueMarkers<T extends { ts: string; kind: string; text: string }>(markers: T[]): T[] {
  const seen = new Set<string>();
  return markers.filter((m) => {
    const key = `${m.ts}|${m.kind}|${m.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
