"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Plus, Webhook } from "lucide-react";
import { useState } from "react";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from "@/drizzle/schema/incidents";
import type { WebhookView } from "@/lib/webhooks/queries";
import { webhooksQuery } from "./query-options";

const DELIVERY_STATUS = { pending: "pending", delivered: "succeeded", failed: "failed" } as const;

function WebhookForm({ onDone }: { onDone: () => void }) {
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [format, setFormat] = useState<string>("json");
  const [events, setEvents] = useState<string[]>(["incident.opened", "incident.acknowledged", "incident.resolved"]);
  const mutation = useApiMutation<Record<string, unknown>>({
    call: (body) => ({ method: "POST", url: "/api/v1/webhooks", body }),
    invalidates: [webhooksQuery().queryKey],
  });
  return (
    <MutationForm
      mutation={mutation}
      variables={() => ({ url: url.trim(), secret, format, events })}
      submitLabel="Create webhook"
      onDone={onDone}
      onCancel={onDone}
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      {({ fieldError }) => (
        <>
          <div className="grid gap-3 md:grid-cols-3">
            <Field label="URL" error={fieldError("url")} className="md:col-span-2">
              {(control) => (
                <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.com/plumbline" {...control} />
              )}
            </Field>
            <Field label="Format" error={fieldError("format")}>
              {(control) => (
                <select value={format} onChange={(e) => setFormat(e.target.value)} {...control}>
                  {WEBHOOK_FORMATS.map((f) => (
                    <option key={f}>{f}</option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field label="Shared secret" hint="At least 16 characters. Deliveries are signed with it; it is never shown again." error={fieldError("secret")}>
            {(control) => <input type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} {...control} />}
          </Field>
          <fieldset>
            <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">Events</legend>
            <div className="flex flex-wrap gap-3">
              {WEBHOOK_EVENTS.map((e) => (
                <label key={e} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    checked={events.includes(e)}
                    onChange={(x) => setEvents(x.target.checked ? [...events, e] : events.filter((v) => v !== e))}
                  />
                  {e}
                </label>
              ))}
            </div>
            {fieldError("events") && <p className="mt-1 text-xs text-red-700 dark:text-red-300">{fieldError("events")}</p>}
          </fieldset>
        </>
      )}
    </MutationForm>
  );
}

function SendTest({ id }: { id: string }) {
  const mutation = useApiMutation<void, { ok: boolean; statusCode: number | null; durationMs: number; error: string | null }>({
    call: () => ({ method: "POST", url: `/api/v1/webhooks/${id}/test` }),
    invalidates: [webhooksQuery().queryKey],
  });
  const result = mutation.data;
  return (
    <div className="space-y-2">
      <Button tone="neutral" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
        {mutation.isPending ? "Sending…" : "Send test"}
      </Button>
      {mutation.isError && <Alert>{mutation.error.message}</Alert>}
      {result && (
        <Alert tone={result.ok ? "success" : "error"}>
          {result.ok
            ? `Delivered: ${result.statusCode} in ${result.durationMs} ms`
            : `Not delivered (${result.error ?? `status ${result.statusCode}`}); it will be retried from the outbox.`}
        </Alert>
      )}
    </div>
  );
}

function WebhookPanel({ hook }: { hook: WebhookView }) {
  const remove = useApiMutation<void>({
    call: () => ({ method: "DELETE", url: `/api/v1/webhooks/${hook.id}` }),
    invalidates: [webhooksQuery().queryKey],
  });
  return (
    <Panel
      title={<span className="font-mono text-sm break-all">{hook.url}</span>}
      action={
        <div className="flex flex-wrap items-start gap-2">
          <SendTest id={hook.id} />
          <ConfirmAction label="Delete" field={null} required={false} tone="danger" mutation={remove} variables={() => undefined} />
        </div>
      }
    >
      <p className="mb-3 text-xs text-zinc-600 dark:text-zinc-400">
        {hook.format} · {hook.events.join(", ")} · created by {hook.created_by} <RelativeTime iso={hook.created_at} />
      </p>
      {hook.recent_deliveries.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No deliveries yet.</p>
      ) : (
        <Table
          label={`Recent deliveries to ${hook.url}`}
          className="text-sm whitespace-nowrap"
          columns={[{ label: "Event" }, { label: "Status" }, { label: "Attempts", numeric: true }, { label: "Last attempt" }, { label: "Created" }]}
        >
          {hook.recent_deliveries.map((d) => (
            <tr key={d.id} data-testid="delivery-row" className="h-9">
              <td className="px-3 font-mono text-xs">{d.event}</td>
              <td className="px-3">
                <StatusBadge status={DELIVERY_STATUS[d.status]} label={d.status} />
              </td>
              <td className="tabular px-3 text-right">{d.attempts}</td>
              <td className="max-w-xs truncate px-3 text-xs text-zinc-600 dark:text-zinc-400">
                {d.last_attempt
                  ? `${d.last_attempt.status_code ?? "no answer"} in ${d.last_attempt.duration_ms} ms${d.last_attempt.error ? `: ${d.last_attempt.error}` : ""}`
                  : "—"}
              </td>
              <td className="px-3 text-zinc-600 dark:text-zinc-400">
                <RelativeTime iso={d.created_at} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Panel>
  );
}

/** Webhooks with their recent deliveries; the secret is write-only, so it is asked for once and never shown. */
export function WebhooksView() {
  const { data: hooks } = useSuspenseQuery({ ...webhooksQuery(), refetchInterval: useRefreshInterval() });
  const [creating, setCreating] = useState(false);
  return (
    <div className="space-y-4">
      {creating ? (
        <WebhookForm onDone={() => setCreating(false)} />
      ) : (
        <Button onClick={() => setCreating(true)}>
          <Plus aria-hidden className="size-4" /> New webhook
        </Button>
      )}
      {hooks.length === 0 ? (
        <EmptyState icon={Webhook} title="No webhooks">
          Incidents notify nobody yet: add a webhook to send them to chat or a pager.
        </EmptyState>
      ) : (
        hooks.map((hook) => <WebhookPanel key={hook.id} hook={hook} />)
      )}
    </div>
  );
}
