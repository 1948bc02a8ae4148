"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/api/fetch-json";
import type { PromotionView } from "@/lib/governance/views";
import { buttonClass } from "@/components/ui/button";

interface VersionStage {
  version: string;
  stage: string;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100";
const primary = buttonClass("primary");
const secondary = buttonClass("neutral");

/** none → staging → production: the next stage a version may be promoted to, if any. */
function nextStage(stage: string): "staging" | "production" | null {
  return stage === "none" || stage === "archived" ? "staging" : stage === "staging" ? "production" : null;
}

function Panel({ title, children, onClose }: { title: string; children: React.ReactNode; onClose: () => void }) {
  return (
    <div
      role="dialog"
      aria-label={title}
      className="absolute right-0 z-20 mt-2 w-96 max-w-[90vw] space-y-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-lg dark:border-zinc-800 dark:bg-zinc-950"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
    >
      <h2 className="font-medium">{title}</h2>
      {children}
    </div>
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const promotable = versions.filter((v) => nextStage(v.stage));
  if (!canRequest && !canRollback) return null;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (which: "request" | "rollback") => {
    setError(null);
    setOpen(open === which ? null : which);
  };

  return (
    <div className="relative mb-4 flex justify-end gap-2">
      {canRequest && (
        <button type="button" className={primary} onClick={() => toggle("request")} aria-expanded={open === "request"}>
          Request promotion
        </button>
      )}
      {canRollback && (
        <button type="button" className={secondary} onClick={() => toggle("rollback")} aria-expanded={open === "rollback"}>
          Roll back
        </button>
      )}
      {open === "request" && (
        <Panel title="Request promotion" onClose={() => setOpen(null)}>
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              const version = String(form.get("version"));
              const target = nextStage(versions.find((v) => v.version === version)?.stage ?? "");
              void run(async () => {
                const created = await sendJson<PromotionView>("POST", "/api/v1/promotions", {
                  model,
                  version,
                  target_stage: target,
                  justification: String(form.get("justification")),
                });
                router.push(`/approvals/${created.id}`);
              });
            }}
          >
            {promotable.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No version can be promoted: each is in production or archived.</p>
            ) : (
              <>
                <label className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
                  Version
                  <select name="version" className={inputClass} defaultValue={promotable[0].version}>
                    {promotable.map((v) => (
                      <option key={v.version} value={v.version}>
                        {v.version} ({v.stage} → {nextStage(v.stage)})
                      </option>
                    ))}
                  </select>
                </label>
                <label className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
                  Justification (required)
                  <textarea name="justification" required rows={3} className={inputClass} />
                </label>
                <button type="submit" className={primary} disabled={busy}>
                  {busy ? "Requesting…" : "Submit request"}
                </button>
              </>
            )}
          </form>
          {error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
        </Panel>
      )}
      {open === "rollback" && (
        <Panel title="Break-glass rollback" onClose={() => setOpen(null)}>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Puts an earlier production version back at once, without approval. Compliance reviews it afterwards.
          </p>
          {formerProduction.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No earlier production version to roll back to.</p>
          ) : (
            <form
              className="space-y-3"
              onSubmit={(e) => {
                e.preventDefault();
                const form = new FormData(e.currentTarget);
                void run(async () => {
                  await sendJson("POST", `/api/v1/models/${model}/rollback`, {
                    to_version: String(form.get("to_version")),
                    reason: String(form.get("reason")),
                  });
                  setOpen(null);
                  router.refresh();
                });
              }}
            >
              <label className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
                Back to
                <select name="to_version" className={inputClass}>
                  {formerProduction.map((v) => (
                    <option key={v}>{v}</option>
                  ))}
                </select>
              </label>
              <label className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
                Reason (required)
                <textarea name="reason" required rows={3} className={inputClass} />
              </label>
              <button
                type="submit"
                className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-50"
                disabled={busy}
              >
                {busy ? "Rolling back…" : "Roll back now"}
              </button>
            </form>
          )}
          {error && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
        </Panel>
      )}
    </div>
  );
}
