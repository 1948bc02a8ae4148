import { Suspense } from "react";
import { Providers } from "@/components/providers";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { Sidebar } from "@/components/shell/sidebar";
import { TopBar } from "@/components/shell/top-bar";
import { redirect } from "next/navigation";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  // A one-time password opens one page only: the one where the person chooses their own.
  if (user.mustChangePassword) redirect("/change-password");
  const items = NAV_ITEMS.filter((item) => userCan(user, item.permission));
  return (
    <Providers>
      <div className="flex min-h-screen">
        <Suspense>
          <Sidebar items={items} />
        </Suspense>
        <div className="flex min-w-0 flex-1 flex-col">
          <Suspense>
            <TopBar user={{ name: user.name, email: user.email, roles: user.roles }} />
          </Suspense>
          <main className="mx-auto w-full max-w-7xl flex-1 px-6 py-6">{children}</main>
        </div>
      </div>
    </Providers>
  );
}
