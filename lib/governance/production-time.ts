/**
 * How long each version has held production, from the model's stage history. Pure: the rollback and
 * request dialogs show it beside each version's last p95 and error rate.
 */
export interface StageChange {
  version: string;
  to_stage: string;
  at: string;
}

/** Milliseconds each version spent in production up to `now`; a version never there is absent. */
export function timeInProduction(history: readonly StageChange[], now: Date): Record<string, number> {
  const out: Record<string, number> = {};
  let holder: { version: string; since: number } | null = null;
  const close = (at: number) => {
    if (holder) out[holder.version] = (out[holder.version] ?? 0) + Math.max(0, at - holder.since);
    holder = null;
  };
  for (const change of [...history].sort((a, b) => a.at.localeCompare(b.at))) {
    const at = Date.parse(change.at);
    if (change.to_stage === "production") {
      close(at);
      holder = { version: change.version, since: at };
    } else if (holder?.version === change.version) {
      close(at);
    }
  }
  close(now.getTime());
  return out;
}

/** "3 d 4 h", "5 h 12 min", "40 min": a duration at the precision a person needs here. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${minutes} min`;
}
