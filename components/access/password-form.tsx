"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiMutation } from "@/components/hooks/use-api-mutation";
import { Field } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";

/**
 * Changes the signed-in person's password. The change ends every session of theirs, this one too,
 * so the form signs in again with the new password before moving on.
 */
export function PasswordForm({ email, then }: { email: string; then: string | null }) {
  const router = useRouter();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const mismatch = repeat !== "" && repeat !== next;
  const mutation = useApiMutation<void>({
    call: () => ({ method: "PUT", url: "/api/v1/me/password", body: { current_password: current, new_password: next } }),
    invalidates: [],
    onSuccess: async () => {
      await signIn("credentials", { email, password: next, redirect: false });
      setCurrent("");
      setNext("");
      setRepeat("");
      if (then) router.replace(then);
      else router.refresh();
    },
  });
  return (
    <MutationForm
      mutation={mutation}
      variables={() => undefined}
      submitLabel="Change password"
      busyLabel="Changing…"
      successMessage="Your password is changed; your other sessions have ended."
      disabled={mismatch || !next}
    >
      {({ fieldError }) => (
        <>
          <Field label="Current password" error={fieldError("current_password")}>
            {(control) => <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} {...control} />}
          </Field>
          <Field label="New password" hint="At least 12 characters." error={fieldError("new_password")}>
            {(control) => <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} {...control} />}
          </Field>
          <Field label="New password again" error={mismatch ? "does not match the new password" : undefined}>
            {(control) => <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} {...control} />}
          </Field>
        </>
      )}
    </MutationForm>
  );
}
