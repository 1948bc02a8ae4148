"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { BellOff, Plus } from "lucide-react";
import { useState } from "react";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import type { RuleView } from "@/lib/incidents/queries";
import { formatNumber } from "@/lib/metrics/display";
import { SeverityBadge, targetLabel } from "./badges";
import { alertRulesQuery } from "./query-options";
import { RuleForm, type RuleFormChoices } from "./rule-form";
import { conditionText, kindLabel } from "./rule-text";

const STATE = { ok: "healthy", pending: "pending", firing: "failing", no_data: "unknown" } as const;

const SILENCE_HOURS = [1, 4, 24, 72];

function SilenceForm({ rule, onDone }: { rule: RuleView; onDone: () => void }) {
  const [hours, setHours] = useState("4");
  const [reason, setReason] = useState("");
  const mutation = useApiMutation<{ until: string | null; reason?: string }>({
    call: (body) => ({ method: "POST", url: `/api/v1/alert-rules/${rule.id}/silence`, body }),
    invalidates: [alertRulesQuery().queryKey],
  });
  return (
    <MutationForm
      mutation={mutation}
      variables={() => ({ until: new Date(Date.now() + Number(hours) * 3_600_000).toISOString(), reason: reason.trim() || undefined })}
      submitLabel="Silence"
      onDone={onDone}
      onCancel={onDone}
      className="space-y-2 rounded-md border border-zinc-200 p-3 whitespace-normal dark:border-zinc-800"
    >
      {({ fieldError }) => (
        <>
          <Field label="For" error={fieldError("until")}>
            {(control) => (
              <select value={hours} onChange={(e) => setHours(e.target.value)} {...control}>
                {SILENCE_HOURS.map((h) => (
                  <option key={h} value={h}>
                    {h} h
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Reason (optional)" error={fieldError("reason")}>
            {(control) => <input value={reason} onChange={(e) => setReason(e.target.value)} {...control} />}
          </Field>
        </>
      )}
    </MutationForm>
  );
}

/** Silenced until a time still to come (on the server, any silence shows until the browser knows the time). */
function isSilenced(rule: RuleView, now: number | null): boolean {
  return rule.silenced_until !== null && (now === null || Date.parse(rule.silenced_until) > now);
}

function RuleActions({ rule, onEdit }: { rule: RuleView; onEdit: () => void }) {
  const [silencing, setSilencing] = useState(false);
  const lift = useApiMutation<void>({
    call: () => ({ method: "POST", url: `/api/v1/alert-rules/${rule.id}/silence`, body: { until: null } }),
    invalidates: [alertRulesQuery().queryKey],
  });
  const remove = useApiMutation<void>({
    call: () => ({ method: "DELETE", url: `/api/v1/alert-rules/${rule.id}` }),
    invalidates: [alertRulesQuery().queryKey],
  });
  const silenced = isSilenced(rule, useNow());
  if (silencing) return <SilenceForm rule={rule} onDone={() => setSilencing(false)} />;
  return (
    <div className="flex items-start gap-1.5 whitespace-nowrap">
      <Button tone="neutral" onClick={onEdit}>
        Edit
      </Button>
      {silenced ? (
        <ConfirmAction label="Lift silence" field={null} required={false} tone="neutral" mutation={lift} variables={() => undefined} />
      ) : (
        <Button tone="neutral" onClick={() => setSilencing(true)}>
          Silence
        </Button>
      )}
      <ConfirmAction label="Delete" field={null} required={false} tone="danger" mutation={remove} variables={() => undefined} />
    </div>
  );
}

/** Every rule with what it saw last; people who manage alerts also create, edit, silence and delete. */
export function AlertRulesView({ canManage, choices }: { canManage: boolean; choices: RuleFormChoices }) {
  const { data: rules } = useSuspenseQuery({ ...alertRulesQuery(), refetchInterval: useRefreshInterval() });
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const editedRule = rules.find((r) => r.id === editing) ?? null;
  const now = useNow();

  return (
    <div className="space-y-4">
      {canManage && editing === null && (
        <Button onClick={() => setEditing("new")}>
          <Plus aria-hidden className="size-4" /> New rule
        </Button>
      )}
      {canManage && editing !== null && (
        <RuleForm key={editing} rule={editing === "new" ? null : editedRule} choices={choices} onDone={() => setEditing(null)} />
      )}
      {rules.length === 0 ? (
        <EmptyState icon={BellOff} title="No alert rules">
          Nothing is watched yet: {canManage ? "create a rule to be told when a model or pipeline goes wrong." : "people on call or ML leads create rules."}
        </EmptyState>
      ) : (
        <Table
          className="text-sm"
          columns={[{ label: "Rule" }, { label: "Fires when" }, { label: "Severity" }, { label: "Last seen" }, ...(canManage ? [{ label: "Actions" }] : [])]}
        >
          {rules.map((rule) => {
            const silenced = isSilenced(rule, now);
            return (
              <tr key={rule.id} data-testid="rule-row" className="align-top">
                <td className="px-3 py-2">
                  <span className="font-medium">{rule.name}</span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    {kindLabel(rule.kind)} · {targetLabel(rule.target)}
                  </span>
                </td>
                <td className="px-3 py-2">{conditionText(rule.kind, rule.condition)}</td>
                <td className="px-3 py-2">
                  <SeverityBadge severity={rule.severity} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {rule.state ? (
                    <StatusBadge status={STATE[rule.state]} label={rule.state.replace("_", " ")} />
                  ) : (
                    <span className="text-zinc-400">not yet</span>
                  )}
                  {rule.last_value !== null && <span className="tabular ml-1.5 text-xs text-zinc-500">{formatNumber(rule.last_value)}</span>}
                  {silenced && (
                    <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">
                      silenced until <RelativeTime iso={rule.silenced_until!} />
                    </span>
                  )}
                </td>
                {canManage && (
                  <td className="px-3 py-2">
                    <RuleActions rule={rule} onEdit={() => setEditing(rule.id)} />
                  </td>
                )}
              </tr>
            );
          })}
        </Table>
      )}
    </div>
  );
}
