"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDuration } from "@/lib/pipelines/duration";
import type { RunView } from "@/lib/pipelines/schemas";

const COLOURS = { succeeded: "#10b981", failed: "#dc2626", running: "#0ea5e9" } as const;
const fmtNumber = (n: number) => n.toLocaleString("en-US", { maximumSignificantDigits: 3 });
const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);

interface Point {
  t: number;
  value: number;
  status: RunView["status"];
  runId: string;
}

function points(runs: RunView[], value: (r: RunView) => number | null): Point[] {
  return runs
    .flatMap((r) => {
      const v = value(r);
      const at = r.finished_at ?? r.started_at;
      return v === null || !at ? [] : [{ t: Date.parse(at), value: v, status: r.status, runId: r.run_id }];
    })
    .sort((a, b) => a.t - b.t);
}

function RunBars({
  title,
  unit,
  data,
  format,
  threshold,
  summary,
  testId,
}: {
  title: string;
  unit: string;
  data: Point[];
  format: (n: number) => string;
  threshold?: { value: number; label: string; colour: string };
  summary: string;
  testId: string;
}) {
  return (
    <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid={testId}>
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">
          {title} <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">({unit})</span>
        </span>
        {/* The threshold's label lives here, not on the line, where the bars would hide it. */}
        {threshold && (
          <span className="inline-flex items-center gap-1.5 text-xs text-zinc-700 dark:text-zinc-300">
            {/* The swatch carries the line's colour; the words stay readable on any background. */}
            <svg aria-hidden width="18" height="2" style={{ color: threshold.colour }}>
              <line x1="0" y1="1" x2="18" y2="1" stroke="currentColor" strokeWidth="2" strokeDasharray="5 3" />
            </svg>
            {threshold.label}
          </span>
        )}
      </figcaption>
      {data.length === 0 ? (
        <p className="flex h-[180px] items-center justify-center text-zinc-500">No data in these runs</p>
      ) : (
        <div role="img" aria-label={summary} className="h-[180px] text-zinc-500 dark:text-zinc-400">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 14, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
              <XAxis dataKey="t" tickFormatter={hhmm} tick={{ fill: "currentColor", fontSize: 11 }} stroke="currentColor" strokeOpacity={0.3} minTickGap={40} />
              <YAxis
                width={56}
                domain={[0, "auto"]}
                tickFormatter={format}
                tick={{ fill: "currentColor", fontSize: 11 }}
                stroke="currentColor"
                strokeOpacity={0.3}
              />
              <Tooltip
                isAnimationActive={false}
                cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
                content={({ active, payload }) => {
                  const p = active && payload?.[0] ? (payload[0].payload as Point) : null;
                  if (!p) return null;
                  return (
                    <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
                      <div className="font-medium">{p.runId}</div>
                      <div className="tabular">
                        {format(p.value)} {unit} · {p.status} · {new Date(p.t).toISOString().replace("T", " ").slice(0, 16)} UTC
                      </div>
                    </div>
                  );
                }}
              />
              <Bar dataKey="value" isAnimationActive={false}>
                {data.map((p) => (
                  <Cell key={p.runId} fill={COLOURS[p.status]} />
                ))}
              </Bar>
              {threshold && <ReferenceLine y={threshold.value} stroke={threshold.colour} strokeWidth={1.5} strokeDasharray="5 4" ifOverflow="extendDomain" />}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

/** Duration and rows written per run, coloured by outcome, with the volume-anomaly threshold drawn. */
export function RunCharts({
  runs,
  rowsThreshold,
  expectedEverySeconds,
}: {
  runs: RunView[];
  rowsThreshold: number | null;
  expectedEverySeconds: number | null;
}) {
  const durations = points(runs, (r) => (r.duration_seconds === null ? null : r.duration_seconds / 60));
  const rows = points(runs, (r) => r.rows_out);
  const range = (data: Point[], fmt: (n: number) => string) =>
    data.length ? `${data.length} runs, from ${fmt(Math.min(...data.map((d) => d.value)))} to ${fmt(Math.max(...data.map((d) => d.value)))}` : "no runs";
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <RunBars
        title="Duration"
        unit="min"
        testId="duration-chart"
        data={durations}
        format={(n) => fmtNumber(n)}
        threshold={
          expectedEverySeconds
            ? { value: expectedEverySeconds / 60, label: `schedule: every ${formatDuration(expectedEverySeconds)}`, colour: "#7c3aed" }
            : undefined
        }
        summary={`Run duration in minutes: ${range(durations, fmtNumber)}.`}
      />
      <RunBars
        title="Rows written"
        unit="rows"
        testId="rows-chart"
        data={rows}
        format={fmtNumber}
        threshold={rowsThreshold !== null ? { value: rowsThreshold, label: `anomaly below ${fmtNumber(rowsThreshold)}`, colour: "#d97706" } : undefined}
        summary={`Rows written per run: ${range(rows, fmtNumber)}${rowsThreshold !== null ? `; a run writing fewer than ${fmtNumber(rowsThreshold)} rows is a volume anomaly` : ""}.`}
      />
    </div>
  );
}
