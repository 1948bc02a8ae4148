import "server-only";
import { RECENT_CHANGES, type ChangeEntry } from "@/components/access/query-options";
import { queryAudit } from "@/lib/audit/queries";
import type { Db } from "@/lib/db";

/** The newest audit entries of one kind, as the access pages' recent-changes lists read them. */
export async function recentChanges(db: Db, actionPrefix: string): Promise<ChangeEntry[]> {
  const { entries } = await queryAudit(db, { action: actionPrefix, limit: RECENT_CHANGES });
  return entries.map(({ seq, ts, actor, action, target, outcome, detail }) => ({ seq, ts, actor, action, target, outcome, detail }));
}
