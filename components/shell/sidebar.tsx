"use client";

import clsx from "clsx";
import { Activity, BadgeCheck, Boxes, GitBranch, LayoutDashboard, PanelLeftClose, PanelLeftOpen, ScrollText, Settings, Siren, Waves } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import type { NavItem } from "./nav-items";

const ICONS = {
  overview: LayoutDashboard,
  models: Boxes,
  drift: Waves,
  pipelines: GitBranch,
  incidents: Siren,
  approvals: BadgeCheck,
  audit: ScrollText,
  settings: Settings,
};

const TOGGLE = "m-2 flex h-8 items-center gap-2 rounded-md px-2 text-zinc-500 hover:bg-zinc-200/70 dark:hover:bg-zinc-800";

export function Sidebar({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // "auto": narrow below 1280 px, where the page needs the room, and wide above; a click decides for good.
  const [mode, setMode] = useState<"auto" | "open" | "closed">("auto");
  const label = clsx(mode === "auto" && "sr-only xl:not-sr-only", mode === "closed" && "sr-only");
  // The global time range travels with every link, so switching pages keeps the view.
  const range = searchParams.get("range");
  const suffix = range ? `?range=${encodeURIComponent(range)}` : "";
  return (
    <nav
      aria-label="Main"
      className={clsx(
        "sticky top-0 flex h-screen shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900",
        mode === "auto" && "w-14 xl:w-52",
        mode === "open" && "w-52",
        mode === "closed" && "w-14",
      )}
    >
      <div className="flex h-12 items-center gap-2 px-4 font-semibold">
        <Activity aria-hidden className="size-5 shrink-0 text-indigo-600 dark:text-indigo-400" />
        <span className={label}>Plumbline</span>
      </div>
      <ul className="flex-1 space-y-0.5 px-2 py-2">
        {items.map((item) => {
          const Icon = ICONS[item.icon];
          const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href + suffix}
                aria-current={active ? "page" : undefined}
                title={item.label}
                className={clsx(
                  "flex h-8 items-center gap-2.5 rounded-md px-2 text-zinc-700 hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800",
                  active && "bg-white font-medium text-zinc-950 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-800 dark:text-white dark:ring-zinc-700",
                )}
              >
                <Icon aria-hidden className="size-4 shrink-0" />
                <span className={label}>{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      {mode !== "closed" && (
        <button type="button" onClick={() => setMode("closed")} className={clsx(TOGGLE, mode === "auto" && "hidden xl:flex")} aria-label="Collapse sidebar">
          <PanelLeftClose aria-hidden className="size-4" />
          <span className="text-xs">Collapse</span>
        </button>
      )}
      {mode !== "open" && (
        <button type="button" onClick={() => setMode("open")} className={clsx(TOGGLE, mode === "auto" && "xl:hidden")} aria-label="Expand sidebar">
          <PanelLeftOpen aria-hidden className="size-4" />
        </button>
      )}
    </nav>
  );
}
