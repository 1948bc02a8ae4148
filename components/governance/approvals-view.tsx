"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { waitsForViewer, type Viewer } from "@/lib/governance/viewer";
import type { PromotionView } from "@/lib/governance/views";
import { promotionsQuery, reviewsQuery } from "./query-options";
import { Table } from "@/components/ui/table";

function AcknowledgeReview({ id }: { id: string }) {
  const mutation = useApiMutation<string>({
    call: (comment) => ({ method: "POST", url: `/api/v1/reviews/${id}/ack`, body: { comment } }),
    invalidates: [reviewsQuery().queryKey],
  });
  return <ConfirmAction label="Acknowledge" field="Comment (optional)" required={false} mutation={mutation} variables={(comment) => comment} />;
}

const RECENT_MS = 14 * 86_400_000;

function missingText(p: PromotionView): string {
  if (p.status !== "pending") return p.decided_by ? `${p.status} by ${p.decided_by}` : p.status;
  const missing = Object.entries(p.missing_approvals).map(([role, n]) => `${n} ${role}`);
  const failing = p.gates.filter((g) => !g.passed && !g.waived).map((g) => g.name);
  return [missing.length ? `needs ${missing.join(" + ")}` : "", failing.length ? `gate failing: ${failing.join(", ")}` : ""].filter(Boolean).join(" · ");
}

function PromotionTable({ rows, empty, testId }: { rows: PromotionView[]; empty: string; testId: string }) {
  const router = useRouter();
  if (rows.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <Table
      columns={[
        { label: "Model" },
        { label: "Version → stage" },
        { label: "Status" },
        { label: "Requested by" },
        { label: "What it waits for" },
        { label: "Requested" },
      ]}
    >
      {rows.map((p) => (
        <tr
          key={p.id}
          data-testid={testId}
          className="h-9 cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-900"
          onClick={() => router.push(`/approvals/${p.id}`)}
        >
          <td className="px-3 font-medium">
            <a href={`/approvals/${p.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300" onClick={(e) => e.stopPropagation()}>
              {p.model}
            </a>
          </td>
          <td className="px-3">
            {p.version} → {p.target_stage}
          </td>
          <td className="px-3">
            <StatusBadge status={p.status} />
          </td>
          <td className="px-3 text-zinc-600 dark:text-zinc-400">{p.requested_by}</td>
          <td className="px-3 text-sm text-zinc-600 dark:text-zinc-400">{missingText(p)}</td>
          <td className="px-3 text-zinc-600 dark:text-zinc-400">
            <RelativeTime iso={p.created_at} />
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function ApprovalsView({ viewer, canAcknowledge }: { viewer: Viewer; canAcknowledge: boolean }) {
  const interval = useRefreshInterval();
  const { data: promotions } = useSuspenseQuery({ ...promotionsQuery(), refetchInterval: interval });
  const { data: reviews } = useSuspenseQuery({ ...reviewsQuery(), refetchInterval: interval });
  const pending = promotions.filter((p) => p.status === "pending");
  const mine = pending.filter((p) => waitsForViewer(p, viewer));
  const others = pending.filter((p) => !mine.includes(p));
  // eslint-disable-next-line react-hooks/purity -- "recently" is relative to the render, on purpose.
  const since = Date.now() - RECENT_MS;
  const decided = promotions.filter((p) => p.status !== "pending" && Date.parse(p.decided_at ?? p.created_at) >= since);
  const open = reviews.filter((r) => !r.acknowledged_by);
  return (
    <div className="space-y-8">
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading" className="mb-2 font-medium">
          Waiting for you <span className="tabular text-zinc-500">({mine.length})</span>
        </h2>
        <PromotionTable rows={mine} empty="Nothing waits for your decision." testId="waiting-for-you" />
      </section>
      <section aria-labelledby="others-heading">
        <h2 id="others-heading" className="mb-2 font-medium">
          Waiting for others <span className="tabular text-zinc-500">({others.length})</span>
        </h2>
        <PromotionTable rows={others} empty="No open request waits for anyone else." testId="waiting-for-others" />
      </section>
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading" className="mb-1 font-medium">
          Break-glass rollbacks awaiting review <span className="tabular text-zinc-500">({open.length})</span>
        </h2>
        <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">A rollback skips approval; compliance acknowledges each one afterwards.</p>
        {open.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Every rollback has been reviewed.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {open.map((r) => (
              <li
                key={r.id}
                id={`review-${r.id}`}
                className="flex scroll-mt-16 flex-wrap items-start justify-between gap-3 px-3 py-2 target:bg-amber-50 dark:target:bg-amber-950/40"
                data-testid="review-item"
              >
                <div>
                  <div className="flex flex-wrap items-center gap-2">
                    <StatusBadge status="awaiting_review" label="awaiting review" />
                    <span className="font-medium">{r.model}</span> {r.from_version ?? "—"} → {r.to_version}
                  </div>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">
                    “{r.reason}” · {r.by} · <RelativeTime iso={r.at} />
                  </p>
                </div>
                {canAcknowledge && r.by !== viewer.email ? (
                  <AcknowledgeReview id={r.id} />
                ) : (
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    {canAcknowledge ? "You performed this rollback; someone else must review it." : "Compliance acknowledges rollbacks."}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="decided-heading">
        <h2 id="decided-heading" className="mb-2 font-medium">
          Decided recently <span className="tabular text-zinc-500">({decided.length})</span>
        </h2>
        <PromotionTable rows={decided} empty="Nothing decided in the last 14 days." testId="decided" />
      </section>
    </div>
  );
}
