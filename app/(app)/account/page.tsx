import type { ChainedEntry } from "@/lib/audit/chain";
import { PasswordForm } from "@/components/access/password-form";
import { grantsOf } from "@/components/access/role-checks";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { RoleBadge, StatusBadge } from "@/components/ui/status-badge";
import { requirePageUser } from "@/lib/auth/page-guard";
import { findUserById } from "@/lib/auth/queries";
import { queryAudit } from "@/lib/audit/queries";
import { getDb } from "@/lib/db";

export const metadata = { title: "Your account" };

const RECENT = 10;

/** Audit entries as a short list, each line what `children` says of it, with its time at the end. */
function EntryList({
  entries,
  empty,
  testId,
  children,
}: {
  entries: ChainedEntry[];
  empty: string;
  testId?: string;
  children: (e: ChainedEntry) => React.ReactNode;
}) {
  if (entries.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800" data-testid={testId}>
      {entries.map((e) => (
        <li key={e.seq} className="flex flex-wrap items-center gap-2 py-1.5">
          {children(e)}
          <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
            <RelativeTime iso={e.ts} />
          </span>
        </li>
      ))}
    </ul>
  );
}

export default async function AccountPage() {
  const user = await requirePageUser();
  const db = await getDb();
  const [account, signIns, actions] = await Promise.all([
    findUserById(db, user.id),
    queryAudit(db, { action: "auth.signin", target: user.email, limit: RECENT }),
    queryAudit(db, { actor: user.email, limit: RECENT + 10 }),
  ]);
  const ownActions = actions.entries.filter((e) => e.action !== "auth.signin").slice(0, RECENT);
  return (
    <>
      <PageHeader title="Your account" description={`${user.name} · ${user.email}`} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Your roles" className="lg:row-span-2">
          <ul className="space-y-3" data-testid="own-roles">
            {user.roles.map((role) => (
              <li key={role}>
                <RoleBadge role={role} />
                <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
                  {grantsOf(role).map((grant) => (
                    <li key={grant}>{grant}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
            Roles are given by an admin{account?.passwordHash ? "" : " or by your identity provider"}.
          </p>
        </Panel>
        <Panel title="Password">
          {account?.passwordHash ? (
            <PasswordForm email={user.email} then={null} />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">You sign in through single sign-on: your password is managed by your identity provider.</p>
          )}
        </Panel>
        <Panel title="Recent sign-ins">
          <EntryList entries={signIns.entries} empty="No sign-in recorded yet." testId="own-signins">
            {(e) => (
              <>
                <StatusBadge status={e.outcome} label={e.outcome === "success" ? "signed in" : "refused"} />
                <span className="text-zinc-600 dark:text-zinc-400">{e.detail.method === "oidc" ? "single sign-on" : "password"}</span>
                <span className="text-zinc-500">{e.ip ?? ""}</span>
              </>
            )}
          </EntryList>
        </Panel>
        <Panel title="Your recent actions" className="lg:col-span-2">
          <EntryList entries={ownActions} empty="Nothing you did is on record yet.">
            {(e) => (
              <>
                <span className="font-mono text-xs">{e.action}</span>
                <span className="font-medium">{e.target}</span>
                {e.outcome !== "success" && <StatusBadge status={e.outcome} />}
              </>
            )}
          </EntryList>
        </Panel>
      </div>
    </>
  );
}
