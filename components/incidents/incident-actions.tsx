"use client";

import { useState } from "react";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Field } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import type { IncidentDetail } from "@/lib/incidents/queries";
import { incidentQuery, incidentsQuery } from "./query-options";

/** Every read an incident's change shows up in: the incident, the lists, the Overview. */
const changed = (id: string) => [incidentQuery(id).queryKey, incidentsQuery().queryKey.slice(0, 1), ["fleet"]];

function StateAction({ id, action, label }: { id: string; action: "ack" | "resolve"; label: string }) {
  const mutation = useApiMutation<string>({
    call: (comment) => ({ method: "POST", url: `/api/v1/incidents/${id}/${action}`, body: comment ? { comment } : {} }),
    invalidates: changed(id),
  });
  return <ConfirmAction label={label} field="Comment (optional)" required={false} mutation={mutation} variables={(text) => text} tone="neutral" />;
}

function NoteForm({ id }: { id: string }) {
  const [text, setText] = useState("");
  const mutation = useApiMutation<string>({
    call: (note) => ({ method: "POST", url: `/api/v1/incidents/${id}/notes`, body: { text: note } }),
    invalidates: changed(id),
  });
  return (
    <MutationForm
      mutation={mutation}
      variables={() => text.trim()}
      submitLabel="Add note"
      busyLabel="Adding…"
      disabled={!text.trim()}
      onDone={() => setText("")}
    >
      {({ fieldError }) => (
        <Field label="Note" hint="What you saw or did; it joins the timeline." error={fieldError("text")}>
          {(control) => <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} {...control} />}
        </Field>
      )}
    </MutationForm>
  );
}

function RollbackAction({ id, model, toVersion }: { id: string; model: string; toVersion: string }) {
  const mutation = useApiMutation<string>({
    call: (reason) => ({ method: "POST", url: `/api/v1/models/${encodeURIComponent(model)}/rollback`, body: { to_version: toVersion, reason } }),
    invalidates: [...changed(id), ["metric", model]],
  });
  return (
    <ConfirmAction
      label={`Roll back ${model} to ${toVersion}`}
      field="Reason (required)"
      required
      tone="danger"
      mutation={mutation}
      variables={(reason) => reason}
    />
  );
}

/**
 * What the viewer may do about the incident, and nothing else: a viewer sees no buttons at all.
 * The break-glass rollback goes to the version that held production before the current one.
 */
export function IncidentActions({
  incident,
  canManage,
  rollback,
}: {
  incident: IncidentDetail;
  canManage: boolean;
  rollback: { model: string; toVersion: string } | null;
}) {
  if (!canManage && !rollback) return null;
  const live = incident.status !== "resolved";
  return (
    <section aria-labelledby="actions-heading" className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 id="actions-heading" className="font-medium">
        Act
      </h2>
      {canManage && live && (
        <div className="flex flex-wrap items-start gap-2">
          {incident.status === "open" && <StateAction id={incident.id} action="ack" label="Acknowledge" />}
          <StateAction id={incident.id} action="resolve" label="Resolve" />
        </div>
      )}
      {rollback && live && (
        <div className="space-y-1">
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Break-glass: puts the previous production version back now, without approval; compliance reviews it.
          </p>
          <RollbackAction id={incident.id} model={rollback.model} toVersion={rollback.toVersion} />
        </div>
      )}
      {canManage && <NoteForm id={incident.id} />}
    </section>
  );
}
