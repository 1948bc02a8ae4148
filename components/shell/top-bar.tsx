"use client";

import { LogOut, Moon, Pause, Play, Sun } from "lucide-react";
import { signOut } from "next-auth/react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { RoleBadge } from "@/components/ui/status-badge";
import { useCrumbLabels } from "./crumb-labels";
import { TIME_RANGES, parseRange } from "./time-range";

export function TopBar({ user }: { user: { name: string; email: string; roles: string[] } }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const range = parseRange(searchParams.get("range"));
  // A page's own window (a zoom, "since last change", the audit page's dates) overrides the preset: say so.
  const ownWindow = searchParams.has("from") || searchParams.has("to");
  const paused = searchParams.get("refresh") === "off";

  function setParam(name: string, value: string | null) {
    const next = new URLSearchParams(searchParams);
    if (value === null) next.delete(name);
    else next.set(name, value);
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  function toggleTheme() {
    const root = document.documentElement;
    const dark = root.classList.contains("dark") || (!root.classList.contains("light") && matchMedia("(prefers-color-scheme: dark)").matches);
    const next = dark ? "light" : "dark";
    root.classList.remove("dark", "light");
    root.classList.add(next);
    document.cookie = `theme=${next}; path=/; max-age=31536000; samesite=lax`;
  }

  const crumbs = pathname.split("/").filter(Boolean);
  const crumbLabels = useCrumbLabels();
  return (
    <header className="sticky top-0 z-20 flex h-12 items-center gap-3 border-b border-zinc-200 bg-white/90 px-4 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <nav aria-label="Breadcrumb" className="min-w-0 flex-1 truncate text-zinc-500">
        <span className="text-zinc-900 dark:text-zinc-100">{crumbs.length ? "" : "Overview"}</span>
        {crumbs.map((c, i) => (
          <span key={i}>
            {i > 0 && <span className="px-1.5">/</span>}
            <span className={i === crumbs.length - 1 ? "text-zinc-900 dark:text-zinc-100" : undefined}>{crumbLabels[c] ?? decodeURIComponent(c)}</span>
          </span>
        ))}
      </nav>
      <label className="sr-only" htmlFor="time-range">
        Time range
      </label>
      <select
        id="time-range"
        value={ownWindow ? "own" : range}
        onChange={(e) => {
          const next = new URLSearchParams(searchParams);
          next.delete("from");
          next.delete("to");
          next.set("range", e.target.value);
          router.replace(`${pathname}?${next}`, { scroll: false });
        }}
        className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        {ownWindow && (
          <option value="own" disabled>
            Custom window
          </option>
        )}
        {Object.entries(TIME_RANGES).map(([key, r]) => (
          <option key={key} value={key}>
            {r.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => setParam("refresh", paused ? null : "off")}
        className="flex h-8 items-center gap-1.5 rounded-md border border-zinc-300 px-2 text-xs dark:border-zinc-700"
        aria-pressed={!paused}
        title={paused ? "Auto-refresh is paused" : "Refreshing every 15 s"}
      >
        {paused ? <Play className="size-3.5" aria-hidden /> : <Pause className="size-3.5" aria-hidden />}
        <span className="hidden md:inline">{paused ? "Paused" : "Auto 15 s"}</span>
      </button>
      <button
        type="button"
        onClick={toggleTheme}
        className="flex size-8 items-center justify-center rounded-md border border-zinc-300 dark:border-zinc-700"
        aria-label="Toggle dark mode"
      >
        <Sun className="hidden size-4 dark:block" aria-hidden />
        <Moon className="size-4 dark:hidden" aria-hidden />
      </button>
      <div className="flex items-center gap-2 border-l border-zinc-200 pl-3 dark:border-zinc-800">
        <div className="hidden text-right leading-tight lg:block">
          <a href="/account" className="text-xs font-medium hover:underline" data-testid="user-email">
            {user.email}
          </a>
          <div className="flex justify-end gap-1">
            {user.roles.map((r) => (
              <RoleBadge key={r} role={r} />
            ))}
          </div>
        </div>
        <button
          type="button"
          onClick={() => signOut({ callbackUrl: "/login" })}
          className="flex h-8 items-center gap-1.5 rounded-md px-2 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          <LogOut className="size-4" aria-hidden />
          <span className="hidden md:inline">Sign out</span>
        </button>
      </div>
    </header>
  );
}
