"use client";

import clsx from "clsx";
import { Loader2 } from "lucide-react";
import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { RoleBadge } from "@/components/ui/status-badge";
import { sameOriginPath } from "@/lib/auth/callback-url";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  RateLimited: "Too many failed attempts from this address. Wait a few minutes and try again.",
  BadRequest: "Enter an email of at most 320 characters and a password.",
  Unavailable: "Sign-in is unavailable right now. Try again in a moment.",
  SsoRefused:
    "Single sign-on refused: your identity provider grants you no Plumbline role, or your identity cannot be matched to an account here. Ask an admin.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  OAuthSignin: "Single sign-on could not start. Try again, or ask an admin to check the identity provider settings.",
};

/** Only a path on this app may follow sign-in: never another site, however the address is spelled. */
function safeCallback(value: string | null): string {
  return sameOriginPath(value, window.location.origin);
}

export function LoginForm({
  demoAccounts,
  sso,
  passwordSignIn = true,
}: {
  demoAccounts?: { email: string; roles: string[] }[];
  sso?: { name: string } | null;
  passwordSignIn?: boolean;
}) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(searchParams.get("error") ? (MESSAGES[searchParams.get("error")!] ?? "Sign-in failed.") : null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email, password, redirect: false }).catch(() => null);
    if (result?.ok && !result.error) {
      router.replace(safeCallback(searchParams.get("callbackUrl")));
      router.refresh();
      return;
    }
    setPending(false);
    setError(MESSAGES[result?.error ?? ""] ?? "Sign-in failed. Try again.");
  }

  const alert = error && (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 dark:bg-red-950 dark:text-red-300">
      {error}
    </p>
  );

  return (
    <>
      {passwordSignIn ? (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <div>
            <label htmlFor="email" className="mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300">
              Email
            </label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              className="h-9 w-full rounded-md border border-zinc-300 bg-white px-3 dark:border-zinc-700 dark:bg-zinc-900"
            />
          </div>
          <div>
            <label htmlFor="password" className="mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300">
              Password
            </label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className="h-9 w-full rounded-md border border-zinc-300 bg-white px-3 dark:border-zinc-700 dark:bg-zinc-900"
            />
          </div>
          {alert}
          <button
            type="submit"
            disabled={pending}
            className="flex h-9 w-full items-center justify-center gap-2 rounded-md bg-indigo-600 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
          >
            {pending && <Loader2 className="size-4 animate-spin" aria-hidden />}
            Sign in
          </button>
        </form>
      ) : (
        alert
      )}
      {sso && (
        <button
          type="button"
          onClick={() => signIn("oidc", { callbackUrl: safeCallback(searchParams.get("callbackUrl")) })}
          className={clsx(
            "mt-3 flex h-9 w-full items-center justify-center rounded-md font-medium",
            passwordSignIn
              ? "border border-zinc-300 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
              : "bg-indigo-600 text-white hover:bg-indigo-700",
          )}
        >
          Sign in with {sso.name}
        </button>
      )}
      {demoAccounts && (
        <section aria-labelledby="demo-heading" className="mt-6 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <h2 id="demo-heading" className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
            Demo accounts · password <code>plumbline-demo</code>
          </h2>
          <ul className="mt-2 space-y-1">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <button
                  type="button"
                  onClick={() => {
                    setEmail(account.email);
                    setPassword("plumbline-demo");
                  }}
                  className="flex w-full items-center justify-between rounded-md px-2 py-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800"
                >
                  <span>{account.email}</span>
                  <span className="flex gap-1">
                    {account.roles.map((r) => (
                      <RoleBadge key={r} role={r} />
                    ))}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
