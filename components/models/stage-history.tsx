import { RelativeTime } from "@/components/ui/relative-time";
import { StageBadge } from "@/components/ui/status-badge";
import type { StageChangeView } from "@/lib/registry/schemas";

export function StageHistory({ history }: { history: StageChangeView[] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" className="mb-2 font-medium">
        Stage history
      </h2>
      {history.length === 0 ? (
        <p className="text-zinc-500">No stage changes yet.</p>
      ) : (
        <ol className="space-y-2 border-l border-zinc-200 pl-4 dark:border-zinc-800">
          {history.map((h, i) => (
            <li key={i}>
              <div>
                <span className="font-medium">{h.version}</span> {h.from_stage} → <StageBadge stage={h.to_stage} />
              </div>
              <div className="text-xs text-zinc-500 dark:text-zinc-400">
                <RelativeTime iso={h.at} /> · by {h.by}
                {h.reason ? ` · ${h.reason}` : ""}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
