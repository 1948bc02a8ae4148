import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { RunView } from "@/lib/pipelines/schemas";

const RUN_STATUS_STYLE: Record<string, string> = { succeeded: "healthy", failed: "failing", running: "running" };

/** The pipeline run that produced the version: where it came from, and whether its checks passed. */
export function ProducedBy({ pipeline, run }: { pipeline: string; run: RunView }) {
  const passed = run.checks.filter((c) => c.passed).length;
  return (
    <section aria-labelledby="produced-heading">
      <h2 id="produced-heading" className="mb-2 font-medium">
        Produced by
      </h2>
      <div className="space-y-1.5 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/pipelines/${encodeURIComponent(pipeline)}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            {pipeline}
          </Link>
          <StatusBadge status={RUN_STATUS_STYLE[run.status] ?? "unknown"} label={run.status} />
        </div>
        <div className="text-xs text-zinc-600 dark:text-zinc-400">
          run <code>{run.run_id}</code>
          {run.finished_at && (
            <>
              {" "}
              · finished <RelativeTime iso={run.finished_at} />
            </>
          )}
          {run.rows_out !== null && <> · {run.rows_out.toLocaleString("en-US")} rows out</>}
        </div>
        {run.checks.length > 0 && (
          <ul className="text-xs">
            <li className="text-zinc-600 dark:text-zinc-400">
              {passed} of {run.checks.length} checks passed
            </li>
            {run.checks
              .filter((c) => !c.passed)
              .map((c) => (
                <li key={c.name} className="text-red-700 dark:text-red-300">
                  ✗ {c.name}
                  {c.observed !== undefined && c.observed !== null ? ` (observed ${String(c.observed)})` : ""}
                </li>
              ))}
          </ul>
        )}
        {run.error && <p className="text-xs text-red-700 dark:text-red-300">{run.error}</p>}
      </div>
    </section>
  );
}
