"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Fragment, useState } from "react";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import type { PolicyView } from "@/lib/governance/queries";
import { APPROVERS, describeApprovals } from "./policy-text";
import { policiesQuery } from "./query-options";

type EvidenceSetting = "require_producing_run" | "require_drift_data" | "require_labeled_traffic";

/** Each evidence a policy may require: its setting, the checkbox's label, and the short name in the summary. */
const EVIDENCE_SETTINGS: [EvidenceSetting, string, string][] = [
  ["require_producing_run", "Require a pipeline run that produced the version", "Producing run"],
  ["require_drift_data", "Require drift data (a reference sample and feature traffic in the last 24 h)", "Drift data"],
  ["require_labeled_traffic", "Require enough labeled traffic to compare realized quality", "Labeled traffic"],
];

function EditPolicy({ policy, onDone }: { policy: PolicyView; onDone: () => void }) {
  const router = useRouter();
  const [approvals, setApprovals] = useState<Record<string, string>>(Object.fromEntries(APPROVERS.map((r) => [r, String(policy.required_approvals[r] ?? 0)])));
  const [tolerance, setTolerance] = useState(String(policy.metric_tolerance * 100));
  const [required, setRequired] = useState<Record<EvidenceSetting, boolean>>({
    require_producing_run: policy.require_producing_run,
    require_drift_data: policy.require_drift_data,
    require_labeled_traffic: policy.require_labeled_traffic,
  });
  const mutation = useApiMutation<void>({
    call: () => ({
      method: "PUT",
      url: `/api/v1/policies/${policy.target_stage}`,
      body: {
        required_approvals: Object.fromEntries(APPROVERS.map((r) => [r, Number(approvals[r])])),
        metric_tolerance: Number(tolerance) / 100,
        ...required,
      },
    }),
    invalidates: [policiesQuery().queryKey],
    // The version history is read on the server.
    onSuccess: () => router.refresh(),
  });
  return (
    <MutationForm mutation={mutation} variables={() => undefined} submitLabel="Save as a new version" onCancel={onDone} onDone={onDone}>
      {({ fieldError }) => (
        <>
          <div className="grid gap-3 sm:grid-cols-3">
            {APPROVERS.map((role) => (
              <Field
                key={role}
                label={`${role} approvals`}
                error={fieldError(`required_approvals.${role}`) ?? (role === "ml_lead" ? fieldError("required_approvals") : undefined)}
              >
                {(control) => (
                  <input
                    type="number"
                    min={0}
                    max={5}
                    value={approvals[role]}
                    onChange={(e) => setApprovals({ ...approvals, [role]: e.target.value })}
                    {...control}
                  />
                )}
              </Field>
            ))}
            <Field label="Metric tolerance (%)" hint="How much worse than production a metric may be." error={fieldError("metric_tolerance")}>
              {(control) => <input type="number" min={0} max={100} step="0.1" value={tolerance} onChange={(e) => setTolerance(e.target.value)} {...control} />}
            </Field>
          </div>
          <fieldset className="space-y-1">
            <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Missing evidence fails its gate (otherwise: not applicable)</legend>
            {EVIDENCE_SETTINGS.map(([setting, label]) => (
              <label key={setting} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={required[setting]} onChange={(e) => setRequired({ ...required, [setting]: e.target.checked })} />
                {label}
              </label>
            ))}
          </fieldset>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Open requests keep the version they were made under.</p>
        </>
      )}
    </MutationForm>
  );
}

function StagePolicy({ policy, canEdit }: { policy: PolicyView; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <Panel
      title={<span className="capitalize">{policy.target_stage}</span>}
      action={
        canEdit &&
        !editing && (
          <Button tone="neutral" onClick={() => setEditing(true)}>
            Edit {policy.target_stage}
          </Button>
        )
      }
    >
      {editing ? (
        <EditPolicy policy={policy} onDone={() => setEditing(false)} />
      ) : (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm" data-testid={`policy-${policy.target_stage}`}>
          <dt className="text-zinc-500 dark:text-zinc-400">Version</dt>
          <dd className="tabular">v{policy.version}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Approvals needed</dt>
          <dd>{describeApprovals(policy)}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Metric tolerance</dt>
          <dd className="tabular">{(policy.metric_tolerance * 100).toFixed(1)} %</dd>
          {EVIDENCE_SETTINGS.map(([setting, , short]) => (
            <Fragment key={setting}>
              <dt className="text-zinc-500 dark:text-zinc-400">{short}</dt>
              <dd>{policy[setting] ? "required" : "checked when recorded"}</dd>
            </Fragment>
          ))}
          <dt className="text-zinc-500 dark:text-zinc-400">Since</dt>
          <dd>
            <RelativeTime iso={policy.created_at} /> by {policy.created_by}
          </dd>
        </dl>
      )}
    </Panel>
  );
}

export function PoliciesView({ canEdit }: { canEdit: boolean }) {
  const { data: policies } = useSuspenseQuery(policiesQuery());
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {policies.map((p) => (
        <StagePolicy key={p.target_stage} policy={p} canEdit={canEdit} />
      ))}
    </div>
  );
}
