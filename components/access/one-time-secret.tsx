"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * A secret the server gives out once (a key, a one-time password): shown with a copy button and the
 * warning that it cannot be shown again. It lives only in this component's state, so leaving or
 * reloading the page drops it.
 */
export function OneTimeSecret({ label, secret, onDismiss, children }: { label: string; secret: string; onDismiss: () => void; children?: React.ReactNode }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950/40" data-testid="one-time-secret">
      <p className="text-sm font-medium text-amber-900 dark:text-amber-200">{label}: copy it now, it will not be shown again.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="rounded bg-white px-2 py-1 font-mono text-sm break-all text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100" data-testid="secret-value">
          {secret}
        </code>
        <Button
          tone="neutral"
          onClick={async () => {
            await navigator.clipboard?.writeText(secret).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button tone="quiet" onClick={onDismiss}>
          Done
        </Button>
      </div>
      {children}
      {copied && (
        <Alert tone="success" className="sr-only">
          Copied to the clipboard
        </Alert>
      )}
    </div>
  );
}
