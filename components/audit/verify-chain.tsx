"use client";

import { ShieldAlert, ShieldCheck } from "lucide-react";
import { useState } from "react";
import { fetchJson } from "@/lib/api/fetch-json";
import { buttonClass } from "@/components/ui/button";

interface Verdict {
  ok: boolean;
  entries: number;
  head_hash: string;
  first_bad_seq: number | null;
}

/** Recomputes the whole chain on the server and shows the verdict with the head hash. */
export function VerifyChain() {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {verdict &&
        (verdict.ok ? (
          <span
            role="status"
            title={verdict.head_hash}
            className="inline-flex items-center gap-1 rounded-md bg-emerald-50 px-2 py-1 text-sm font-medium text-emerald-800 ring-1 ring-emerald-600/30 ring-inset dark:bg-emerald-950 dark:text-emerald-300"
          >
            <ShieldCheck aria-hidden className="size-4" />
            Chain verified ✓ · {verdict.entries.toLocaleString("en")} entries · head <span className="font-mono">{verdict.head_hash.slice(0, 12)}…</span>
          </span>
        ) : (
          <span
            role="status"
            className="inline-flex items-center gap-1 rounded-md bg-red-50 px-2 py-1 text-sm font-medium text-red-800 ring-1 ring-red-600/30 ring-inset dark:bg-red-950 dark:text-red-300"
          >
            <ShieldAlert aria-hidden className="size-4" />
            Chain broken at entry #{verdict.first_bad_seq} · head <span className="font-mono">{verdict.head_hash.slice(0, 12)}…</span>
          </span>
        ))}
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
      <button
        type="button"
        disabled={busy}
        className={buttonClass("primary")}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            setVerdict(await fetchJson<Verdict>("/api/v1/audit/verify"));
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? "Verifying…" : "Verify chain"}
      </button>
    </div>
  );
}
