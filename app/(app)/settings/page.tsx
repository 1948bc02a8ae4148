import { FileCheck2, KeyRound, UserCircle, Users, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { listApiKeys, listUsers } from "@/lib/auth/queries";
import { getDb } from "@/lib/db";

export const metadata = { title: "Settings" };

interface Section {
  href: string;
  title: string;
  text: string;
  icon: LucideIcon;
}

function SectionLink({ href, title, text, icon: Icon }: Section) {
  return (
    <Link
      href={href}
      className="flex gap-3 rounded-lg border border-zinc-200 bg-white p-4 hover:border-indigo-400 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-500"
    >
      <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-indigo-600 dark:text-indigo-400" />
      <span>
        <span className="block font-medium">{title}</span>
        <span className="block text-sm text-zinc-600 dark:text-zinc-400">{text}</span>
      </span>
    </Link>
  );
}

/** The settings hub: one card per area, each on a page of its own. */
export default async function SettingsPage() {
  const user = await requirePageUser();
  if (!userCan(user, "admin")) return <NoAccess what="Users, roles, API keys and policies are managed by admins." />;
  const db = await getDb();
  const [users, keys] = await Promise.all([listUsers(db), listApiKeys(db)]);
  const activeUsers = users.filter((u) => u.active).length;
  const liveKeys = keys.filter((k) => !k.revoked_at).length;
  const sections: Section[] = [
    {
      href: "/settings/users",
      title: "Users and roles",
      text: `${activeUsers} active of ${users.length}. Create accounts, change roles, disable, reset passwords.`,
      icon: Users,
    },
    { href: "/settings/keys", title: "API keys", text: `${liveKeys} not revoked. Create keys with scopes and an expiry, revoke them.`, icon: KeyRound },
    { href: "/settings/policies", title: "Promotion policies", text: "Approvals and metric tolerance per stage, with every version.", icon: FileCheck2 },
    { href: "/account", title: "Your account", text: "Your roles, sign-ins and password.", icon: UserCircle },
  ];
  return (
    <>
      <PageHeader title="Settings" description="People, their roles, the API keys machines push data with, and the rules promotions follow." />
      <nav aria-label="Settings" className="grid gap-3 md:grid-cols-2">
        {sections.map((s) => (
          <SectionLink key={s.href} {...s} />
        ))}
      </nav>
    </>
  );
}
