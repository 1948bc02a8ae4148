import clsx from "clsx";

/** A message in place: errors are announced (role=alert), notes and successes are polite. */
export function Alert({ tone = "error", children, className }: { tone?: "error" | "success" | "info"; children: React.ReactNode; className?: string }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={clsx(
        "rounded-md px-3 py-2 text-sm",
        tone === "error" && "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-300",
        tone === "success" && "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
        tone === "info" && "bg-zinc-100 text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300",
        className,
      )}
    >
      {children}
    </div>
  );
}
