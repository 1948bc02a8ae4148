import { StageBadge } from "@/components/ui/status-badge";

export interface ModelHeaderModel {
  name: string;
  description: string;
  owner: string;
  task: string;
  production_version: string | null;
  staging_version: string | null;
}

/** Name, owner, task and stage badges; `actions` (Request promotion, Roll back) sit at the right. */
export function ModelHeader({ model, actions }: { model: ModelHeaderModel; actions?: React.ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
      <div>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight">{model.name}</h1>
          {model.production_version && <StageBadge stage="production" version={model.production_version} />}
          {model.staging_version && <StageBadge stage="staging" version={model.staging_version} />}
        </div>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">{model.description || "No description."}</p>
        <dl className="mt-1 flex flex-wrap gap-x-4 text-xs text-zinc-500 dark:text-zinc-400">
          <div>
            <dt className="inline">Owner </dt>
            <dd className="inline font-medium text-zinc-700 dark:text-zinc-300">{model.owner || "—"}</dd>
          </div>
          <div>
            <dt className="inline">Task </dt>
            <dd className="inline font-medium text-zinc-700 dark:text-zinc-300">{model.task || "—"}</dd>
          </div>
        </dl>
      </div>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
    </div>
  );
}
