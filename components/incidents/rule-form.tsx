"use client";

import { useState } from "react";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { Field } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { SEVERITIES, type Severity } from "@/drizzle/schema/incidents";
import { AGGREGATIONS, COMPARISONS } from "@/lib/incidents/evaluate";
import { RULE_KIND_NAMES, RULE_KINDS, type RuleKind } from "@/lib/incidents/kinds";
import type { RuleView } from "@/lib/incidents/queries";
import { alertRulesQuery } from "./query-options";

export interface RuleFormChoices {
  models: string[];
  pipelines: string[];
  webhooks: { id: string; url: string }[];
}

/** The form's state: every field as typed, turned into the API's body when sent. */
interface Draft {
  name: string;
  kind: RuleKind;
  model: string;
  version: string;
  pipeline: string;
  metric: string;
  aggregation: string;
  window_minutes: string;
  op: string;
  threshold: string;
  for_seconds: string;
  share_at_least: string;
  feature: string;
  severity: Severity;
  webhook_ids: string[];
  description: string;
  runbook_url: string;
}

function draftOf(rule: RuleView | null, choices: RuleFormChoices): Draft {
  const t = (rule?.target ?? {}) as { model?: string; version?: string; pipeline?: string };
  const c = rule?.condition ?? {};
  const str = (v: unknown, fallback = "") => (v === undefined || v === null ? fallback : String(v));
  return {
    name: rule?.name ?? "",
    kind: (rule?.kind as RuleKind) ?? "metric_threshold",
    model: t.model ?? choices.models[0] ?? "",
    version: t.version ?? "",
    pipeline: t.pipeline ?? choices.pipelines[0] ?? "",
    metric: str(c.metric, "latency_p95_ms"),
    aggregation: str(c.aggregation, "avg"),
    window_minutes: c.window_seconds === undefined ? "5" : String(Number(c.window_seconds) / 60),
    op: str(c.op, ">"),
    threshold: str(c.threshold),
    for_seconds: str(c.for_seconds),
    share_at_least: str(c.share_at_least),
    feature: str(c.feature),
    severity: rule?.severity ?? "warning",
    webhook_ids: rule?.webhook_ids ?? [],
    description: rule?.description ?? "",
    runbook_url: rule?.runbook_url ?? "",
  };
}

/** Numbers as typed: an empty box is absent, anything else goes as a number for the server to judge. */
const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

function bodyOf(d: Draft): Record<string, unknown> {
  const watchesModel = RULE_KINDS[d.kind].watches === "model";
  const target = watchesModel ? { model: d.model, ...(d.version.trim() ? { version: d.version.trim() } : {}) } : { pipeline: d.pipeline };
  const window = num(d.window_minutes);
  const condition =
    d.kind === "metric_threshold"
      ? {
          metric: d.metric,
          aggregation: d.aggregation,
          window_seconds: window === undefined ? undefined : window * 60,
          op: d.op,
          threshold: num(d.threshold),
          for_seconds: num(d.for_seconds),
        }
      : d.kind === "drift"
        ? { share_at_least: num(d.share_at_least), feature: d.feature.trim() || undefined }
        : {};
  return {
    name: d.name,
    kind: d.kind,
    target,
    condition,
    severity: d.severity,
    webhook_ids: d.webhook_ids,
    description: d.description,
    runbook_url: d.runbook_url.trim() || null,
  };
}

/** Creates a rule, or with `rule` changes it; the server validates it whole and names each field at fault. */
export function RuleForm({ rule, choices, onDone }: { rule: RuleView | null; choices: RuleFormChoices; onDone: () => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(rule, choices));
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setD((prev) => ({ ...prev, [key]: value }));
  const mutation = useApiMutation<Record<string, unknown>>({
    call: (body) => (rule ? { method: "PATCH", url: `/api/v1/alert-rules/${rule.id}`, body } : { method: "POST", url: "/api/v1/alert-rules", body }),
    invalidates: [alertRulesQuery().queryKey],
  });
  const text = (key: keyof Draft, label: string, error: string | undefined, extra: { hint?: string; inputMode?: "decimal" | "numeric" } = {}) => (
    <Field label={label} hint={extra.hint} error={error}>
      {(control) => <input value={d[key] as string} inputMode={extra.inputMode} onChange={(e) => set(key)(e.target.value as never)} {...control} />}
    </Field>
  );
  const select = (key: keyof Draft, label: string, options: readonly string[], error: string | undefined, labels?: (o: string) => string) => (
    <Field label={label} error={error}>
      {(control) => (
        <select value={d[key] as string} onChange={(e) => set(key)(e.target.value as never)} {...control}>
          {options.map((o) => (
            <option key={o} value={o}>
              {labels ? labels(o) : o}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const watchesModel = RULE_KINDS[d.kind].watches === "model";

  return (
    <MutationForm
      mutation={mutation}
      variables={() => bodyOf(d)}
      submitLabel={rule ? "Save rule" : "Create rule"}
      onDone={onDone}
      onCancel={onDone}
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      {({ fieldError }) => (
        <>
          <div className="grid gap-3 md:grid-cols-3">
            {text("name", "Name", fieldError("name"))}
            {select("kind", "Kind", RULE_KIND_NAMES, fieldError("kind"), (k) => RULE_KINDS[k as RuleKind].label)}
            {select("severity", "Severity", SEVERITIES, fieldError("severity"))}
          </div>
          <div className="grid gap-3 md:grid-cols-3">
            {watchesModel ? (
              <>
                {select("model", "Model", choices.models, fieldError("target.model"))}
                {text("version", "Version", fieldError("target.version"), { hint: "Empty: whichever version is in production" })}
              </>
            ) : (
              select("pipeline", "Pipeline", choices.pipelines, fieldError("target.pipeline"))
            )}
          </div>
          {d.kind === "metric_threshold" && (
            <div className="grid gap-3 md:grid-cols-3">
              {text("metric", "Metric", fieldError("condition.metric"))}
              {select("aggregation", "Aggregation", AGGREGATIONS, fieldError("condition.aggregation"))}
              {text("window_minutes", "Window (minutes)", fieldError("condition.window_seconds"), { inputMode: "decimal" })}
              {select("op", "Fires when", COMPARISONS, fieldError("condition.op"))}
              {text("threshold", "Threshold", fieldError("condition.threshold"), { inputMode: "decimal" })}
              {text("for_seconds", "Holds for (seconds)", fieldError("condition.for_seconds"), { inputMode: "numeric", hint: "Empty: fires at once" })}
            </div>
          )}
          {d.kind === "drift" && (
            <div className="grid gap-3 md:grid-cols-2">
              {text("share_at_least", "Drifted share at least (0–1)", fieldError("condition.share_at_least") ?? fieldError("condition"), {
                inputMode: "decimal",
                hint: "Empty: the drifting verdict the Drift page shows",
              })}
              {text("feature", "Or one feature drifting", fieldError("condition.feature"))}
            </div>
          )}
          {choices.webhooks.length > 0 && (
            <fieldset>
              <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">Notify</legend>
              <div className="flex flex-wrap gap-3">
                {choices.webhooks.map((w) => (
                  <label key={w.id} className="flex items-center gap-1.5 text-sm">
                    <input
                      type="checkbox"
                      checked={d.webhook_ids.includes(w.id)}
                      onChange={(e) => set("webhook_ids")(e.target.checked ? [...d.webhook_ids, w.id] : d.webhook_ids.filter((id) => id !== w.id))}
                    />
                    <span className="max-w-xs truncate">{w.url}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <div className="grid gap-3 md:grid-cols-2">
            {text("description", "Description (shown on the incident)", fieldError("description"))}
            {text("runbook_url", "Runbook URL", fieldError("runbook_url"))}
          </div>
        </>
      )}
    </MutationForm>
  );
}
