"use client";

import type { UseMutationResult } from "@tanstack/react-query";
import type { ApiRequestError } from "@/lib/api/fetch-json";
import { Alert } from "./alert";
import { Button, type ButtonTone } from "./button";

/**
 * The one form of every state change: it sends its mutation, shows it busy, shows the API's error
 * in place (and each field's beside it, through `fieldError`), and says when it is done.
 */
export function MutationForm<TVariables, TResult>({
  mutation,
  variables,
  submitLabel,
  busyLabel = "Saving…",
  successMessage,
  tone = "primary",
  disabled,
  onCancel,
  onDone,
  className,
  children,
}: {
  mutation: UseMutationResult<TResult, ApiRequestError, TVariables>;
  /** The request's variables, read when the form is sent. */
  variables: () => TVariables;
  submitLabel: string;
  busyLabel?: string;
  /** Shown after a success; omit when the form closes or the page moves on. */
  successMessage?: string;
  tone?: ButtonTone;
  disabled?: boolean;
  onCancel?: () => void;
  /** Called after a success, e.g. to close the form. */
  onDone?: (result: TResult) => void;
  className?: string;
  children?: (state: { fieldError: (path: string) => string | undefined }) => React.ReactNode;
}) {
  const fieldError = (path: string) => mutation.error?.fieldError(path);
  return (
    <form
      className={className ?? "space-y-3"}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate(variables(), { onSuccess: onDone });
      }}
      onKeyDown={(event) => event.key === "Escape" && onCancel?.()}
    >
      {children?.({ fieldError })}
      {mutation.isError && <Alert>{mutation.error.message}</Alert>}
      {mutation.isSuccess && successMessage && <Alert tone="success">{successMessage}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" tone={tone} disabled={disabled || mutation.isPending}>
          {mutation.isPending ? busyLabel : submitLabel}
        </Button>
        {onCancel && (
          <Button tone="quiet" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
