import type { LucideIcon } from "lucide-react";

export function EmptyState({ icon: Icon, title, children }: { icon: LucideIcon; title: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center rounded-lg border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
      <Icon aria-hidden className="size-8 text-zinc-400" />
      <h2 className="mt-3 font-medium">{title}</h2>
      {children && <div className="mt-1 max-w-prose text-zinc-600 dark:text-zinc-400">{children}</div>}
    </div>
  );
}
