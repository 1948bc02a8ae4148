"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { ApiRequestError } from "@/lib/api/fetch-json";
import { Button, type ButtonTone } from "./button";
import { Field } from "./field";
import { MutationForm } from "./mutation-form";

/**
 * A button that opens its own small confirmation form, asking for the comment or reason the action
 * records, and sends the mutation; it closes on success and keeps the error in place otherwise.
 * After Confirm, Cancel or Escape, focus goes back to the button and the outcome is announced.
 */
export function ConfirmAction<TVariables, TResult>({
  label,
  field,
  required,
  tone = "primary",
  mutation,
  variables,
  hint,
}: {
  label: string;
  /** What the action will do, said in the form before the person confirms. */
  hint?: string | null;
  /** The text the action asks for, e.g. "Comment (optional)" or "Reason"; null: a plain confirmation. */
  field: string | null;
  required: boolean;
  tone?: ButtonTone;
  mutation: UseMutationResult<TResult, ApiRequestError, TVariables>;
  variables: (text: string) => TVariables;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const refocus = useRef(false);
  const live = (
    <span role="status" aria-live="polite" className="sr-only">
      {announcement}
    </span>
  );
  if (!open) {
    return (
      <>
        <Button
          tone={tone}
          onClick={() => (mutation.reset(), setAnnouncement(""), setOpen(true))}
          ref={(element: HTMLButtonElement | null) => {
            if (element && refocus.current) {
              refocus.current = false;
              element.focus();
            }
          }}
        >
          {label}
        </Button>
        {live}
      </>
    );
  }
  const close = (outcome: string) => {
    refocus.current = true;
    setAnnouncement(outcome);
    setOpen(false);
    setText("");
  };
  return (
    <>
      {live}
      <MutationForm
        className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
        mutation={mutation}
        onDone={() => close(`Done: ${label.toLowerCase()}`)}
        variables={() => variables(text.trim())}
        submitLabel={`Confirm: ${label.toLowerCase()}`}
        busyLabel="Sending…"
        tone={tone}
        disabled={required && !text.trim()}
        onCancel={() => close(`Cancelled: ${label.toLowerCase()}`)}
      >
        {() => (
          <>
            {hint && <p className="text-sm text-zinc-700 dark:text-zinc-300">{hint}</p>}
            {field ? (
              <Field label={field}>
                {(control) => <textarea autoFocus required={required} value={text} onChange={(e) => setText(e.target.value)} rows={3} {...control} />}
              </Field>
            ) : (
              !hint && <p className="text-sm text-zinc-700 dark:text-zinc-300">Are you sure?</p>
            )}
          </>
        )}
      </MutationForm>
    </>
  );
}
