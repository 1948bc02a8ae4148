"use client";

import { useState } from "react";
import clsx from "clsx";

/**
 * A button that opens its own small form asking for the comment or reason, then sends it. The
 * error message of the contract is shown in place; nothing fails silently.
 */
export function ActionForm({
  label,
  field,
  required,
  tone = "primary",
  onSubmit,
}: {
  label: string;
  /** The text the action asks for, e.g. "Comment (optional)" or "Reason"; null: a plain confirmation. */
  field: string | null;
  required: boolean;
  tone?: "primary" | "danger" | "neutral";
  onSubmit: (text: string) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const buttonClass = clsx(
    "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-50",
    tone === "primary" && "bg-indigo-600 text-white hover:bg-indigo-500",
    tone === "danger" && "bg-red-600 text-white hover:bg-red-500",
    tone === "neutral" &&
      "bg-white text-zinc-800 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800",
  );
  if (!open) {
    return (
      <button type="button" className={buttonClass} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <form
      className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await onSubmit(text.trim());
          setOpen(false);
          setText("");
        } catch (e) {
          setError((e as Error).message);
        } finally {
          setBusy(false);
        }
      }}
      onKeyDown={(event) => event.key === "Escape" && setOpen(false)}
    >
      {field ? (
        <label className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
          {field}
          <textarea
            autoFocus
            required={required}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100"
          />
        </label>
      ) : (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">Are you sure?</p>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={busy || (required && !text.trim())}>
          {busy ? "Sending…" : `Confirm: ${label.toLowerCase()}`}
        </button>
        <button
          type="button"
          className="rounded-md px-3 py-1.5 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
          onClick={() => setOpen(false)}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
