import type { ChainedEntry } from "@/lib/audit/chain";

/** One entry whole: its hashes and its JSON, wrapped so that nothing scrolls sideways. */
export function EntryDetail({ entry }: { entry: ChainedEntry }) {
  return (
    <>
      <h2 className="mb-2 font-medium">
        Entry #{entry.seq} · <span className="font-mono text-sm">{entry.action}</span>
      </h2>
      <dl className="mb-2 space-y-1 text-xs">
        <div>
          <dt className="text-zinc-500">hash</dt>
          <dd className="font-mono break-all" data-testid="entry-hash">
            {entry.hash}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500">prev_hash</dt>
          <dd className="font-mono break-all">{entry.prevHash}</dd>
        </div>
      </dl>
      <pre className="max-h-[28rem] overflow-y-auto rounded bg-zinc-50 p-2 text-xs break-all whitespace-pre-wrap dark:bg-zinc-900" data-testid="entry-json">
        {JSON.stringify(
          {
            seq: entry.seq,
            ts: entry.ts,
            actor: entry.actor,
            action: entry.action,
            target: entry.target,
            outcome: entry.outcome,
            ip: entry.ip,
            detail: entry.detail,
          },
          null,
          2,
        )}
      </pre>
    </>
  );
}
