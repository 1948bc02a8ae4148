"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration } from "@/lib/pipelines/duration";
import type { PipelineDetail, RunView } from "@/lib/pipelines/schemas";
import { pipelineQuery } from "./query-options";
import { RunCharts } from "./run-charts";
import { FixedRangeBadge } from "@/components/ui/fixed-range-badge";
import { RunsTimeline } from "./runs-timeline";
import { Table } from "@/components/ui/table";

const fmtRows = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US"));

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `${title.toLowerCase().replace(/\W+/g, "-")}-heading`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-2 font-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Facts({ pipeline }: { pipeline: PipelineDetail }) {
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {[
        ["Owner", pipeline.owner || "—"],
        [
          "Promise",
          pipeline.expected_every_seconds
            ? `every ${formatDuration(pipeline.expected_every_seconds)}${pipeline.grace_seconds ? ` + ${formatDuration(pipeline.grace_seconds)} grace` : ""}`
            : "no schedule set",
        ],
        ["Last success", pipeline.last_success_at ? <RelativeTime key="s" iso={pipeline.last_success_at} /> : "never"],
        [
          pipeline.overdue_since ? "Overdue since" : "Next expected by",
          pipeline.overdue_since ? (
            <span key="o" className="text-violet-800 dark:text-violet-300">
              <RelativeTime iso={pipeline.overdue_since} />
            </span>
          ) : pipeline.next_expected_by ? (
            <RelativeTime key="n" iso={pipeline.next_expected_by} />
          ) : (
            "—"
          ),
        ],
      ].map(([label, value]) => (
        <div key={String(label)} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
          <dd className="mt-1 font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The newest finished run's problems: its failed checks with what was observed, and its error. */
function LatestProblems({ run }: { run: RunView | undefined }) {
  if (!run) return <p className="text-zinc-500">No run has finished yet.</p>;
  const failed = run.checks.filter((c) => !c.passed);
  if (run.status === "succeeded" && failed.length === 0) {
    return (
      <p className="text-zinc-600 dark:text-zinc-400">
        Run <span className="font-mono text-xs">{run.run_id}</span> succeeded with {run.checks.length} {run.checks.length === 1 ? "check" : "checks"} passing.
      </p>
    );
  }
  return (
    <div className="space-y-3" data-testid="latest-problems">
      <p>
        Run <span className="font-mono text-xs">{run.run_id}</span> <StatusBadge status={run.status} />{" "}
        {run.finished_at && <RelativeTime iso={run.finished_at} />}
      </p>
      {failed.length > 0 && (
        <table className="w-full max-w-xl text-left">
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1 pr-3 font-medium">Failed check</th>
              <th className="py-1 font-medium">Observed</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((c) => (
              <tr key={c.name} className="h-8">
                <td className="pr-3">
                  <StatusBadge status="failed" label={c.name} />
                </td>
                <td className="tabular">{c.observed === undefined || c.observed === null ? "—" : String(c.observed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {run.error && (
        <pre className="max-h-48 overflow-auto rounded-md bg-red-50 p-3 text-xs whitespace-pre-wrap text-red-900 dark:bg-red-950 dark:text-red-200">
          {run.error}
        </pre>
      )}
    </div>
  );
}

function RunsTable({ runs }: { runs: RunView[] }) {
  return (
    <Table
      frameClassName="max-h-[420px] overflow-y-auto"
      columns={[
        { label: "Run" },
        { label: "Status" },
        { label: "Started" },
        { label: "Duration", numeric: true },
        { label: "Rows in", numeric: true },
        { label: "Rows out", numeric: true },
        { label: "Checks" },
        { label: "Produced" },
      ]}
    >
      {runs.map((r) => (
        <tr key={r.run_id} className="h-9" data-testid="run-row">
          <td className="px-3 font-mono text-xs whitespace-nowrap">{r.run_id}</td>
          <td className="px-3">
            <StatusBadge status={r.status} />
          </td>
          <td className="px-3 text-zinc-600 dark:text-zinc-400">{r.started_at ? <RelativeTime iso={r.started_at} /> : "not reported"}</td>
          <td className="tabular px-3 text-right">{r.duration_seconds === null ? "—" : formatDuration(r.duration_seconds)}</td>
          <td className="tabular px-3 text-right">{fmtRows(r.rows_in)}</td>
          <td className="tabular px-3 text-right">{fmtRows(r.rows_out)}</td>
          <td className="tabular px-3 whitespace-nowrap">
            {r.checks.length === 0 ? "—" : `${r.checks.filter((c) => c.passed).length}/${r.checks.length} passed`}
          </td>
          <td className="px-3">
            {r.produces ? (
              <Link href={`/models/${encodeURIComponent(r.produces.model)}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                {r.produces.model} {r.produces.version}
              </Link>
            ) : (
              "—"
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function PipelineDetailView({ name }: { name: string }) {
  // When the answer was read is the timeline's "now": the server's read, then each refetch.
  const { data, dataUpdatedAt } = useSuspenseQuery({ ...pipelineQuery(name), refetchInterval: useRefreshInterval() });
  const latestFinished = data.runs.find((r) => r.status !== "running");
  return (
    <div className="space-y-6">
      <div>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight">{data.name}</h1>
          <StatusBadge status={data.status} />
        </div>
        <p className="mt-1 text-zinc-700 dark:text-zinc-300" data-testid="pipeline-reason">
          {data.reason}
        </p>
      </div>
      <Facts pipeline={data} />
      <Section title="Runs timeline">
        <p className="mb-2">
          <FixedRangeBadge range={`newest ${data.runs.length} runs`} what="The timeline and the charts below" />
        </p>
        <RunsTimeline runs={data.runs} now={dataUpdatedAt} />
      </Section>
      <RunCharts runs={data.runs} rowsThreshold={data.rows_threshold} expectedEverySeconds={data.expected_every_seconds} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Latest finished run">
          <LatestProblems run={latestFinished} />
        </Section>
        <Section title="Model versions produced">
          {data.produced.length === 0 ? (
            <p className="text-zinc-500">No run of this pipeline has reported producing a model version.</p>
          ) : (
            <ul className="space-y-1.5" data-testid="produced-versions">
              {data.produced.map((p) => (
                <li key={`${p.model}/${p.version}/${p.run_id}`}>
                  <Link href={`/models/${encodeURIComponent(p.model)}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {p.model} {p.version}
                  </Link>{" "}
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    by run <span className="font-mono">{p.run_id}</span>
                    {p.finished_at && (
                      <>
                        {" "}
                        · <RelativeTime iso={p.finished_at} />
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
      <Section title={`Runs (newest ${data.runs.length}${data.next_cursor ? ", older ones via the API" : ""})`}>
        <RunsTable runs={data.runs} />
      </Section>
    </div>
  );
}
