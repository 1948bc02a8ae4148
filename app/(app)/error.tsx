"use client";

import { AlertTriangle } from "lucide-react";

export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 dark:border-red-900 dark:bg-red-950/40">
      <div className="flex items-center gap-2 font-medium text-red-800 dark:text-red-300">
        <AlertTriangle className="size-5" aria-hidden /> This page could not be loaded
      </div>
      <p className="mt-2 text-red-900/80 dark:text-red-200/80">
        The server did not answer as expected{error.digest ? ` (reference ${error.digest})` : ""}. Try again; if it keeps failing, check the server log for that
        reference.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-red-700 px-3 py-1.5 text-white hover:bg-red-800">
        Try again
      </button>
    </div>
  );
}
