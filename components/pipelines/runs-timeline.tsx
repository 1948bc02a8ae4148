import { CheckCircle2, Loader, XCircle } from "lucide-react";
import type { RunView } from "@/lib/pipelines/schemas";

const OUTCOME = {
  succeeded: { bar: "bg-emerald-500 dark:bg-emerald-400", icon: CheckCircle2, text: "text-emerald-700 dark:text-emerald-300" },
  failed: { bar: "bg-red-600 dark:bg-red-400", icon: XCircle, text: "text-red-700 dark:text-red-300" },
  running: { bar: "bg-sky-500 dark:bg-sky-400", icon: Loader, text: "text-sky-700 dark:text-sky-300" },
} as const;

const utc = (t: number) => new Date(t).toISOString().replace("T", " ").slice(0, 16) + " UTC";

/**
 * Every run as a bar from its start to its finish on one time axis ending now, coloured by
 * outcome: a gap at the right edge is a pipeline that stopped. Plain positioned divs, not a chart
 * library: each bar needs its own extent, colour and tooltip, and nothing else.
 */
export function RunsTimeline({ runs, now }: { runs: RunView[]; now: number }) {
  const spans = runs
    .map((r) => {
      const start = Date.parse(r.started_at ?? r.finished_at ?? "");
      const end = r.finished_at ? Date.parse(r.finished_at) : now;
      return { run: r, start, end: Math.max(end, start) };
    })
    .filter((s) => Number.isFinite(s.start));
  if (spans.length === 0) return <p className="text-zinc-500">No runs yet.</p>;
  const from = Math.min(...spans.map((s) => s.start));
  const to = Math.max(now, ...spans.map((s) => s.end));
  const width = Math.max(to - from, 1);
  const counts = { succeeded: 0, failed: 0, running: 0 };
  for (const s of spans) counts[s.run.status]++;
  const summary = `${spans.length} runs from ${utc(from)} to ${utc(to)}: ${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.running} running.`;
  return (
    <figure data-testid="runs-timeline">
      <div role="img" aria-label={summary} className="relative h-10 rounded-md bg-zinc-100 dark:bg-zinc-900">
        {spans.map(({ run, start, end }) => (
          <div
            key={run.run_id}
            data-testid="timeline-run"
            data-status={run.status}
            title={`${run.run_id} · ${run.status} · ${utc(start)}${run.finished_at ? ` → ${utc(end)}` : " · still running"}`}
            className={`absolute top-1.5 bottom-1.5 min-w-[3px] rounded-sm ${OUTCOME[run.status].bar}`}
            style={{ left: `${((start - from) / width) * 100}%`, width: `${((end - start) / width) * 100}%` }}
          />
        ))}
      </div>
      <figcaption className="mt-1.5 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        <span className="tabular">{utc(from)}</span>
        <span className="flex gap-3">
          {(Object.keys(OUTCOME) as (keyof typeof OUTCOME)[]).map((status) => {
            const { icon: Icon, text } = OUTCOME[status];
            return (
              <span key={status} className={`inline-flex items-center gap-1 ${text}`}>
                <Icon aria-hidden className="size-3.5" /> {counts[status]} {status}
              </span>
            );
          })}
        </span>
        <span className="tabular">now · {utc(to)}</span>
      </figcaption>
    </figure>
  );
}
