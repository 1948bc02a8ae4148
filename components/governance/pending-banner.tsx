import { ArrowRight, Clock } from "lucide-react";
import Link from "next/link";
import type { Db } from "@/lib/db";
import { listPromotions } from "@/lib/governance/queries";
import { pendingSummary } from "@/lib/governance/viewer";

/**
 * The open promotion requests of a model (or of one of its versions), where people look: at the top
 * of the model and version pages, each a link to its request.
 */
export async function PendingPromotionBanner({ db, model, version }: { db: Db; model: string; version?: string }) {
  const open = (await listPromotions(db, { status: "pending", model })).filter((p) => version === undefined || p.version === version);
  if (open.length === 0) return null;
  return (
    <aside
      aria-label="Open promotion requests"
      className="mb-4 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900 dark:border-indigo-900 dark:bg-indigo-950/60 dark:text-indigo-100"
    >
      <ul className="space-y-1">
        {open.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center gap-x-2 gap-y-1" data-testid="pending-request">
            <Clock aria-hidden className="size-4 shrink-0 text-indigo-600 dark:text-indigo-300" />
            <span className="tabular">{pendingSummary(p)}</span>
            <Link
              href={`/approvals/${p.id}`}
              className="inline-flex items-center gap-1 font-medium text-indigo-700 underline decoration-indigo-300 underline-offset-4 hover:decoration-2 dark:text-indigo-300"
            >
              Open the request <ArrowRight aria-hidden className="size-3.5" />
            </Link>
          </li>
        ))}
      </ul>
    </aside>
  );
}
