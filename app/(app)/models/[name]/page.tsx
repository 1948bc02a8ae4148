import { notFound } from "next/navigation";
import { RelativeTime } from "@/components/ui/relative-time";
import { StageBadge } from "@/components/ui/status-badge";
import { ApiError } from "@/lib/api/errors";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { getModel } from "@/lib/registry/models";
import { ModelActions } from "@/components/governance/model-actions";

async function loadModel(name: string) {
  try {
    return await getModel(await getDb(), name);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: decodeURIComponent((await params).name) };
}

export default async function ModelPage({ params }: { params: Promise<{ name: string }> }) {
  const user = await requirePageUser();
  const model = await loadModel(decodeURIComponent((await params).name));
  return (
    <>
      <div className="mb-5">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight">{model.name}</h1>
          {model.production_version && <StageBadge stage="production" version={model.production_version} />}
          {model.staging_version && <StageBadge stage="staging" version={model.staging_version} />}
        </div>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">
          {model.description || "No description."} · owner {model.owner || "—"} · {model.task || "task not set"}
        </p>
      </div>
      <ModelActions
        model={model.name}
        versions={model.versions}
        formerProduction={[...new Set(model.stage_history.filter((h) => h.to_stage === "production" && h.version !== model.production_version).map((h) => h.version))]}
        canRequest={userCan(user, "promotion.request")}
        canRollback={userCan(user, "rollback")}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading" className="mb-2 font-medium">
            Versions
          </h2>
          <table className="w-full rounded-lg text-left">
            <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th className="px-3 py-2 font-medium">Version</th>
                <th className="px-3 py-2 font-medium">Stage</th>
                <th className="px-3 py-2 font-medium">Declared metrics</th>
                <th className="px-3 py-2 font-medium">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {model.versions.map((v) => (
                <tr key={v.version} className="h-9">
                  <td className="px-3 font-medium">{v.version}</td>
                  <td className="px-3">
                    <StageBadge stage={v.stage} />
                  </td>
                  <td className="tabular px-3 text-xs text-zinc-600 dark:text-zinc-400">
                    {Object.entries(v.metrics)
                      .map(([k, n]) => `${k} ${n.toPrecision(3)}`)
                      .join(" · ")}
                  </td>
                  <td className="px-3 text-zinc-600 dark:text-zinc-400">
                    <RelativeTime iso={v.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="history-heading">
          <h2 id="history-heading" className="mb-2 font-medium">
            Stage history
          </h2>
          {model.stage_history.length === 0 ? (
            <p className="text-zinc-500">No stage changes yet.</p>
          ) : (
            <ol className="space-y-2 border-l border-zinc-200 pl-4 dark:border-zinc-800">
              {model.stage_history.map((h, i) => (
                <li key={i}>
                  <div>
                    <span className="font-medium">{h.version}</span> {h.from_stage} → <StageBadge stage={h.to_stage} />
                  </div>
                  <div className="text-xs text-zinc-500">
                    <RelativeTime iso={h.at} /> · by {h.by}
                    {h.reason ? ` · ${h.reason}` : ""}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}
