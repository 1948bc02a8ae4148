"use client";

import { Info } from "lucide-react";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { ConfirmAction } from "@/components/ui/confirm-action";
import type { ButtonTone } from "@/components/ui/button";
import { approveEffect, gateTitle, viewerActions, type Availability, type Viewer } from "@/lib/governance/viewer";
import type { PromotionView } from "@/lib/governance/views";
import { promotionQuery, promotionsQuery } from "./query-options";

/** One decision on the request: its own form, busy and error state, refreshing the request after. */
function PromotionAction({
  promotionId,
  action,
  label,
  field,
  required,
  tone,
  body,
  hint,
}: {
  promotionId: string;
  action: "approve" | "reject" | "waive" | "withdraw";
  label: string;
  field: string | null;
  required: boolean;
  tone?: ButtonTone;
  body?: (text: string) => Record<string, string>;
  hint?: string | null;
}) {
  const mutation = useApiMutation<string>({
    call: (text) => ({ method: "POST", url: `/api/v1/promotions/${promotionId}/${action}`, body: body?.(text) }),
    invalidates: [promotionQuery(promotionId).queryKey, promotionsQuery().queryKey],
  });
  return <ConfirmAction label={label} field={field} required={required} tone={tone} mutation={mutation} variables={(text) => text} hint={hint} />;
}

/** Why each absent button is absent; buttons absent for the same reason share one line. */
function AbsentReasons({ absent }: { absent: [string, Availability][] }) {
  const byReason = new Map<string, string[]>();
  for (const [what, availability] of absent) {
    if (availability.ok) continue;
    byReason.set(availability.reason, [...(byReason.get(availability.reason) ?? []), what]);
  }
  return (
    <ul className="mt-3 space-y-1.5">
      {[...byReason].map(([reason, whats]) => (
        <li key={reason} className="flex gap-2 text-sm text-zinc-600 dark:text-zinc-400">
          <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-400" />
          <span>
            <span className="font-medium text-zinc-700 dark:text-zinc-300">No {whats.join(" or ")} button:</span> {reason}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Only the buttons the viewer may use, each asking for its comment or reason, and why the others are absent. */
export function DecisionPanel({ promotion, viewer }: { promotion: PromotionView; viewer: Viewer }) {
  const actions = viewerActions(promotion, viewer);
  const closed = promotion.status !== "pending";
  const effect = approveEffect(promotion, viewer);
  return (
    <section aria-labelledby="decision-heading" className="rounded-lg border border-zinc-200 p-4 lg:sticky lg:top-4 dark:border-zinc-800">
      <h2 id="decision-heading" className="mb-3 font-medium">
        Your decision
      </h2>
      {closed ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">This request is {promotion.status}; there is nothing left to decide.</p>
      ) : (
        <>
          <div className="flex flex-wrap items-start gap-2">
            {actions.approve.ok && (
              <PromotionAction
                promotionId={promotion.id}
                action="approve"
                label="Approve"
                field="Comment (optional)"
                required={false}
                body={(comment) => ({ comment })}
                hint={effect}
              />
            )}
            {actions.reject.ok && (
              <PromotionAction
                promotionId={promotion.id}
                action="reject"
                label="Reject"
                field="Reason (required)"
                required
                tone="danger"
                body={(reason) => ({ reason })}
              />
            )}
            {actions.waive
              .filter((w) => w.availability.ok)
              .map((w) => (
                <PromotionAction
                  key={w.gate}
                  promotionId={promotion.id}
                  action="waive"
                  label={`Waive “${gateTitle(w.gate)}”`}
                  field="Why this gate may be waived (required)"
                  required
                  tone="neutral"
                  body={(reason) => ({ gate: w.gate, reason })}
                />
              ))}
            {actions.withdraw.ok && (
              <PromotionAction promotionId={promotion.id} action="withdraw" label="Withdraw" field={null} required={false} tone="neutral" />
            )}
          </div>
          {effect && (
            <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300" data-testid="approve-effect">
              <span className="font-medium">Approve:</span> {effect.charAt(0).toLowerCase() + effect.slice(1)}
            </p>
          )}
          <AbsentReasons
            absent={[
              ["Approve", actions.approve],
              ["Reject", actions.reject],
              ...actions.waive.map((w): [string, Availability] => ["Waive", w.availability]),
              ["Withdraw", actions.withdraw],
            ]}
          />
        </>
      )}
    </section>
  );
}
