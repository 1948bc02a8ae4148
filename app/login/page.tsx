import { Activity } from "lucide-react";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { ssoConfigured } from "@/lib/auth/oidc";
import { passwordSignInEnabled } from "@/lib/auth/sign-in-methods";
import { sessionUser } from "@/lib/auth/session";
import { DEMO_USERS } from "@/lib/demo/fleet";

export const metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await sessionUser()) redirect("/");
  const passwordSignIn = passwordSignInEnabled();
  const demo = process.env.PLUMBLINE_DEMO === "1" && passwordSignIn ? DEMO_USERS.map(({ email, roles }) => ({ email, roles })) : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mb-6">
          <h1 className="flex items-center gap-2 text-lg font-semibold">
            <Activity className="size-5 text-indigo-600 dark:text-indigo-400" aria-hidden /> Plumbline
          </h1>
          <p className="mt-1 text-zinc-600 dark:text-zinc-400">See drift, health and every deploy of your ML fleet — and govern what ships.</p>
        </div>
        <Suspense>
          <LoginForm demoAccounts={demo} sso={ssoConfigured()} passwordSignIn={passwordSignIn} />
        </Suspense>
      </div>
    </main>
  );
}
