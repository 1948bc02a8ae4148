"use client";

import { Check, Copy } from "lucide-react";
import { useState, useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/** This server's address as the browser reached it; empty during server rendering. */
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => "",
  );
}

function CopyBlock({ label, text }: { label: string; text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="text-left">
      <div className="mb-1 flex items-center justify-between text-xs text-zinc-500 dark:text-zinc-400">
        <span>{label}</span>
        <button
          type="button"
          onClick={() => navigator.clipboard.writeText(text).then(() => setCopied(true))}
          className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          {copied ? <Check aria-hidden className="size-3" /> : <Copy aria-hidden className="size-3" />}
          {copied ? "Copied" : `Copy ${label.toLowerCase()}`}
        </button>
      </div>
      <pre tabIndex={0} className="overflow-x-auto rounded-md bg-zinc-100 p-2 text-[11px] leading-relaxed text-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">
        <code>{text}</code>
      </pre>
    </div>
  );
}

/** The empty chart's "how to send some": a ready-to-run curl and the OTLP endpoint, for this server. */
export function IngestHint({ model, version, metric }: { model: string; version: string; metric: string }) {
  const origin = useOrigin();
  const body = JSON.stringify({ points: [{ model, version, metric, ts: new Date().toISOString().replace(/\.\d+Z$/, "Z"), value: 1 }] });
  const curl = [
    `curl -X POST ${origin}/api/v1/ingest/metrics \\`,
    `  -H "Authorization: Bearer $PLUMBLINE_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
  ].join("\n");
  return (
    <div className="space-y-2" data-testid="ingest-hint">
      <CopyBlock label="curl" text={curl} />
      <CopyBlock label="OTLP endpoint" text={`${origin}/api/v1/otlp/v1/metrics`} />
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Use a key with the <code>ingest</code> scope; for OTLP set the attributes <code>ml.model.name</code> and <code>ml.model.version</code>.
      </p>
    </div>
  );
}
