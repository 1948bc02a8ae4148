"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusIcon } from "@/components/ui/status-badge";
import { formatDuration } from "@/lib/governance/production-time";
import type { PromotionView, ReviewView } from "@/lib/governance/views";
import { gateTitle } from "@/lib/governance/viewer";
import { formatMetric } from "@/lib/metrics/display";
import { promotionPreviewQuery, promotionsQuery, reviewsQuery, versionContextQuery, type VersionContext } from "./query-options";

interface VersionStage {
  version: string;
  stage: string;
}

interface RollbackResult {
  model: string;
  production_version: string;
  previous_version: string | null;
  review: ReviewView;
}

/** none → staging → production: the next stage a version may be promoted to, if any. */
function nextStage(stage: string): "staging" | "production" | null {
  return stage === "none" || stage === "archived" ? "staging" : stage === "staging" ? "production" : null;
}

/** A small dialog opened below its trigger row, so it never covers the button that opened it. */
function Dialog({ title, children, onClose }: { title: string; children: React.ReactNode; onClose: () => void }) {
  return (
    <div
      role="dialog"
      aria-label={title}
      className="absolute top-full right-0 z-20 mt-2 w-[30rem] max-w-[calc(100vw-2rem)] space-y-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-lg dark:border-zinc-800 dark:bg-zinc-950"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
    >
      <h2 className="font-medium">{title}</h2>
      {children}
    </div>
  );
}

/** Current production against the version a dialog would put in its place: last p95, error rate, time in production. */
function VersionFacts({ context, rows }: { context: VersionContext | undefined; rows: { label: string; version: string | null }[] }) {
  return (
    <table className="tabular w-full text-left text-xs" data-testid="version-facts">
      <thead className="text-zinc-500 dark:text-zinc-400">
        <tr>
          <th className="py-1 pr-2 font-medium" scope="col">
            Version
          </th>
          <th className="py-1 pr-2 text-right font-medium" scope="col">
            last p95
          </th>
          <th className="py-1 pr-2 text-right font-medium" scope="col">
            error rate
          </th>
          <th className="py-1 text-right font-medium" scope="col">
            time in production
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {rows.map(({ label, version }) => {
          const serving = version ? context?.serving[version] : undefined;
          const held = version ? context?.inProduction[version] : undefined;
          return (
            <tr key={label}>
              <th scope="row" className="py-1 pr-2 font-normal">
                <span className="text-zinc-500 dark:text-zinc-400">{label}</span> <span className="font-medium">{version ?? "none"}</span>
              </th>
              <td className="py-1 pr-2 text-right">{context ? formatMetric("latency_p95_ms", serving?.p95_ms) : "…"}</td>
              <td className="py-1 pr-2 text-right">{context ? formatMetric("error_rate", serving?.error_rate) : "…"}</td>
              <td className="py-1 text-right">{context ? (held === undefined ? "never" : formatDuration(held)) : "…"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RequestForm({ model, promotable, onCancel }: { model: string; promotable: VersionStage[]; onCancel: () => void }) {
  const router = useRouter();
  const [version, setVersion] = useState(promotable[0].version);
  const [justification, setJustification] = useState("");
  const target = nextStage(promotable.find((v) => v.version === version)?.stage ?? "") ?? "staging";
  const preview = useQuery(promotionPreviewQuery(model, version, target));
  const context = useQuery(versionContextQuery(model));
  const mutation = useApiMutation<void, PromotionView>({
    call: () => ({ method: "POST", url: "/api/v1/promotions", body: { model, version, target_stage: target, justification: justification.trim() } }),
    invalidates: [promotionsQuery().queryKey],
    onSuccess: (created) => router.push(`/approvals/${created.id}`),
  });
  const refusal = preview.data?.refusal ?? null;
  const failing = preview.data?.gates.filter((g) => g.status === "failed").length ?? 0;
  return (
    <MutationForm
      mutation={mutation}
      variables={() => undefined}
      submitLabel="Submit request"
      busyLabel="Requesting…"
      disabled={!justification.trim() || refusal !== null}
      onCancel={onCancel}
    >
      {({ fieldError }) => (
        <>
          <Field label="Version" error={fieldError("version")}>
            {(control) => (
              <select value={version} onChange={(e) => setVersion(e.target.value)} {...control}>
                {promotable.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version} ({v.stage} → {nextStage(v.stage)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <VersionFacts
            context={context.data}
            rows={[
              { label: "production", version: context.data?.production ?? null },
              { label: `→ ${target}`, version },
            ]}
          />
          <section aria-label="Gates this request would find" data-testid="gate-preview">
            <h3 className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">
              Gates, if requested now{preview.data && `: ${failing ? `${failing} failing` : "none failing"}`}
            </h3>
            {preview.isPending ? (
              <p className="text-xs text-zinc-500">Evaluating the gates…</p>
            ) : preview.isError ? (
              <Alert>{preview.error.message}</Alert>
            ) : (
              <ul className="space-y-1">
                {preview.data.gates.map((g) => (
                  <li key={g.name} className="flex gap-2 text-xs" data-status={g.status}>
                    <StatusIcon status={g.status} />
                    <span>
                      <span className="font-medium">{gateTitle(g.name)}</span>{" "}
                      <span className="text-zinc-600 dark:text-zinc-400">
                        {g.status === "not_applicable" ? "not applicable: " : g.status === "failed" ? "fails: " : ""}
                        {g.detail}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {refusal && (
            <Alert>
              {refusal}.{" "}
              {preview.data?.open_request && (
                <Link href={`/approvals/${preview.data.open_request}`} className="font-medium underline underline-offset-4">
                  Open the existing request
                </Link>
              )}
            </Alert>
          )}
          <Field label="Justification (required)" error={fieldError("justification")}>
            {(control) => <textarea required rows={3} value={justification} onChange={(e) => setJustification(e.target.value)} {...control} />}
          </Field>
        </>
      )}
    </MutationForm>
  );
}

function RollbackForm({
  model,
  formerProduction,
  onCancel,
  onDone,
}: {
  model: string;
  formerProduction: string[];
  onCancel: () => void;
  onDone: (result: RollbackResult) => void;
}) {
  const [toVersion, setToVersion] = useState(formerProduction[0]);
  const [reason, setReason] = useState("");
  const context = useQuery(versionContextQuery(model));
  const mutation = useApiMutation<void, RollbackResult>({
    call: () => ({ method: "POST", url: `/api/v1/models/${encodeURIComponent(model)}/rollback`, body: { to_version: toVersion, reason: reason.trim() } }),
    invalidates: [reviewsQuery().queryKey, versionContextQuery(model).queryKey],
  });
  return (
    <MutationForm
      mutation={mutation}
      variables={() => undefined}
      submitLabel="Roll back now"
      busyLabel="Rolling back…"
      tone="danger"
      disabled={!reason.trim()}
      onCancel={onCancel}
      onDone={onDone}
    >
      {({ fieldError }) => (
        <>
          <Field label="Back to" error={fieldError("to_version")}>
            {(control) => (
              <select value={toVersion} onChange={(e) => setToVersion(e.target.value)} {...control}>
                {formerProduction.map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </select>
            )}
          </Field>
          <VersionFacts
            context={context.data}
            rows={[
              { label: "production now", version: context.data?.production ?? null },
              { label: "back to", version: toVersion },
            ]}
          />
          {context.data?.serving[toVersion]?.at && (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {toVersion} last served <RelativeTime iso={context.data.serving[toVersion].at!} />.
            </p>
          )}
          <Field label="Reason (required)" error={fieldError("reason")}>
            {(control) => <textarea required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} {...control} />}
          </Field>
        </>
      )}
    </MutationForm>
  );
}

/**
 * The model page's governance actions: "Request promotion" for ml_leads, "Roll back" (break-glass)
 * for on-call and ml_leads. The server decides; these only offer what the viewer's roles allow.
 */
export function ModelActions({
  model,
  versions,
  formerProduction,
  canRequest,
  canRollback,
}: {
  model: string;
  versions: VersionStage[];
  /** Versions that held production before and do not now: where a rollback may go. */
  formerProduction: string[];
  canRequest: boolean;
  canRollback: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<"request" | "rollback" | null>(null);
  const [rolledBack, setRolledBack] = useState<RollbackResult | null>(null);
  const requestButton = useRef<HTMLButtonElement>(null);
  const rollbackButton = useRef<HTMLButtonElement>(null);
  const promotable = versions.filter((v) => nextStage(v.stage));
  if (!canRequest && !canRollback) return null;

  // Focus goes back to the button that opened the dialog.
  const close = () => {
    (open === "request" ? requestButton : rollbackButton).current?.focus();
    setOpen(null);
  };
  const toggle = (which: "request" | "rollback") => (open === which ? close() : (setRolledBack(null), setOpen(which)));

  return (
    <div className="mb-4 space-y-2">
      <div className="relative flex justify-end gap-2">
        {canRequest && (
          <button type="button" ref={requestButton} className={buttonClass("primary")} onClick={() => toggle("request")} aria-expanded={open === "request"}>
            Request promotion
          </button>
        )}
        {canRollback && (
          <button type="button" ref={rollbackButton} className={buttonClass("neutral")} onClick={() => toggle("rollback")} aria-expanded={open === "rollback"}>
            Roll back
          </button>
        )}
        {open === "request" && (
          <Dialog title="Request promotion" onClose={close}>
            {promotable.length === 0 ? (
              <>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">No version can be promoted: each is in production or archived.</p>
                <Button tone="quiet" onClick={close}>
                  Cancel
                </Button>
              </>
            ) : (
              <RequestForm model={model} promotable={promotable} onCancel={close} />
            )}
          </Dialog>
        )}
        {open === "rollback" && (
          <Dialog title="Break-glass rollback" onClose={close}>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Puts an earlier production version back at once, without approval. Compliance reviews it afterwards.
            </p>
            {formerProduction.length === 0 ? (
              <>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">No earlier production version to roll back to.</p>
                <Button tone="quiet" onClick={close}>
                  Cancel
                </Button>
              </>
            ) : (
              <RollbackForm
                model={model}
                formerProduction={formerProduction}
                onCancel={close}
                onDone={(result) => {
                  close();
                  setRolledBack(result);
                  router.refresh();
                }}
              />
            )}
          </Dialog>
        )}
      </div>
      {rolledBack && (
        <Alert tone="success" className="ml-auto max-w-xl">
          {rolledBack.production_version} is back in production{rolledBack.previous_version && ` in place of ${rolledBack.previous_version}`}.{" "}
          <Link href={`/approvals#review-${rolledBack.review.id}`} className="font-medium underline underline-offset-4">
            Its break-glass review
          </Link>{" "}
          awaits compliance.
        </Alert>
      )}
    </div>
  );
}
