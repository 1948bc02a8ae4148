"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useState } from "react";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { RoleBadge, StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import { PERMISSIONS, SCOPES, type Scope } from "@/lib/auth/permissions";
import type { PublicKeyView } from "@/lib/auth/schemas";
import { ChangesList } from "./changes-list";
import { OneTimeSecret } from "./one-time-secret";
import { keysQuery, recentChangesQuery } from "./query-options";
import { ChoiceChecks } from "./role-checks";

const KEY_CHANGES = "key.";
const invalidates = [keysQuery().queryKey, recentChangesQuery(KEY_CHANGES).queryKey];

/** What a scope grants, in words, from the one permission table. */
function scopeHint(scope: Scope): string {
  return Object.values(PERMISSIONS)
    .filter((rule) => "scope" in rule && rule.scope === scope)
    .map((rule) => rule.description)
    .join("; ");
}

function CreateKey({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["read"]);
  const [expires, setExpires] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const mutation = useApiMutation<void, PublicKeyView & { key: string }>({
    // A date input gives a calendar day: the key lasts to the end of that day, UTC.
    call: () => ({ method: "POST", url: "/api/v1/keys", body: { name, scopes, expires_at: expires ? `${expires}T23:59:59Z` : null } }),
    invalidates,
    onSuccess: (key) => setCreated(key.key),
  });
  if (created) {
    const origin = typeof window === "undefined" ? "" : window.location.origin;
    return (
      <OneTimeSecret label="The new API key" secret={created} onDismiss={onClose}>
        <p className="text-xs text-amber-900 dark:text-amber-200">Try it:</p>
        <pre tabIndex={0} className="overflow-x-auto rounded bg-zinc-900 p-2 font-mono text-xs text-zinc-100" data-testid="curl-example">
          {`curl -H "Authorization: Bearer ${created}" ${origin}/api/v1/me`}
        </pre>
      </OneTimeSecret>
    );
  }
  return (
    <MutationForm
      mutation={mutation}
      variables={() => undefined}
      submitLabel="Create key"
      busyLabel="Creating…"
      onCancel={onClose}
      className="grid gap-3 md:grid-cols-2"
    >
      {({ fieldError }) => (
        <>
          <div className="space-y-3">
            <Field label="Name" hint="Who or what uses it, e.g. the training pipeline. At most 100 characters." error={fieldError("name")}>
              {(control) => <input autoFocus value={name} onChange={(e) => setName(e.target.value)} {...control} />}
            </Field>
            <Field label="Expires (optional)" hint="The key is refused after the end of this day (UTC)." error={fieldError("expires_at")}>
              {(control) => <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} {...control} />}
            </Field>
          </div>
          <ChoiceChecks legend="Scopes" choices={SCOPES} value={scopes} onChange={setScopes} hint={scopeHint} error={fieldError("scopes")} />
        </>
      )}
    </MutationForm>
  );
}

function RevokeKey({ id }: { id: string }) {
  const mutation = useApiMutation<void>({ call: () => ({ method: "DELETE", url: `/api/v1/keys/${id}` }), invalidates });
  return <ConfirmAction label="Revoke" tone="danger" field={null} required={false} mutation={mutation} variables={() => undefined} />;
}

function keyState(key: PublicKeyView, now: number) {
  if (key.revoked_at) return <StatusBadge status="none" label="revoked" />;
  if (key.expires_at && Date.parse(key.expires_at) <= now) return <StatusBadge status="stale" label="expired" />;
  return <StatusBadge status="healthy" label="active" />;
}

export function KeysView() {
  const { data: keys } = useSuspenseQuery(keysQuery());
  const [creating, setCreating] = useState(false);
  // eslint-disable-next-line react-hooks/purity -- whether a key has expired is relative to the render, on purpose.
  const now = Date.now();
  return (
    <div className="space-y-6">
      <Panel
        title="New API key"
        action={
          !creating && (
            <Button onClick={() => setCreating(true)}>
              <Plus className="size-4" aria-hidden /> Create key
            </Button>
          )
        }
      >
        {creating ? (
          <CreateKey onClose={() => setCreating(false)} />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Machines push data and read dashboards with keys. The full key is shown once, when it is created; only its hash is kept.
          </p>
        )}
      </Panel>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="mb-2 font-medium">
          API keys <span className="tabular text-zinc-500">({keys.length})</span>
        </h2>
        {keys.length === 0 ? (
          <EmptyState icon={KeyRound} title="No API keys yet">
            Create one above for each pipeline or service that sends data.
          </EmptyState>
        ) : (
          <Table
            columns={[
              { label: "Name" },
              { label: "Prefix" },
              { label: "Scopes" },
              { label: "State" },
              { label: "Created" },
              { label: "Last used" },
              { label: "Expires" },
              { label: "Actions" },
            ]}
          >
            {keys.map((k) => (
              <tr key={k.id} className="align-top" data-testid="key-row" data-name={k.name}>
                <td className="px-3 py-2 font-medium whitespace-nowrap">{k.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{k.prefix}…</td>
                <td className="space-x-1 px-3 py-2">
                  {k.scopes.map((s) => (
                    <RoleBadge key={s} role={s} />
                  ))}
                </td>
                <td className="px-3 py-2">{keyState(k, now)}</td>
                <td className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">
                  <RelativeTime iso={k.created_at} />
                  <div className="text-xs">{k.created_by}</div>
                </td>
                <td className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">{k.last_used_at ? <RelativeTime iso={k.last_used_at} /> : "never"}</td>
                <td className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">{k.expires_at ? <RelativeTime iso={k.expires_at} /> : "never"}</td>
                <td className="px-3 py-2">{!k.revoked_at && <RevokeKey id={k.id} />}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      <Panel title="Recent changes">
        <ChangesList actionPrefix={KEY_CHANGES} empty="No key has been created or revoked yet." />
      </Panel>
    </div>
  );
}
