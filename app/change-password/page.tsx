import { KeyRound } from "lucide-react";
import { redirect } from "next/navigation";
import { PasswordForm } from "@/components/access/password-form";
import { Providers } from "@/components/providers";
import { requirePageUser } from "@/lib/auth/page-guard";

export const metadata = { title: "Choose your password" };

/** Where a person signed in with a one-time password lands until they have chosen their own. */
export default async function ChangePasswordPage() {
  const user = await requirePageUser();
  if (!user.mustChangePassword) redirect("/");
  return (
    <Providers>
      <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950">
        <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h1 className="flex items-center gap-2 text-lg font-semibold">
            <KeyRound className="size-5 text-indigo-600 dark:text-indigo-400" aria-hidden /> Choose your password
          </h1>
          <p className="mt-1 mb-4 text-zinc-600 dark:text-zinc-400">
            You signed in as {user.email} with a one-time password. Choose your own to continue; the one-time password stops working.
          </p>
          <PasswordForm email={user.email} then="/" />
        </div>
      </main>
    </Providers>
  );
}
