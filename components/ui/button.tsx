import clsx from "clsx";

export type ButtonTone = "primary" | "danger" | "neutral" | "quiet";

/** The classes of every button in the app, so that links styled as buttons look the same. */
export function buttonClass(tone: ButtonTone = "primary", className?: string): string {
  return clsx(
    "inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50",
    tone === "primary" && "bg-indigo-600 text-white hover:bg-indigo-500",
    tone === "danger" && "bg-red-600 text-white hover:bg-red-500",
    tone === "neutral" &&
      "bg-white text-zinc-800 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-200 dark:ring-zinc-700 dark:hover:bg-zinc-800",
    tone === "quiet" && "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
    className,
  );
}

export function Button({ tone = "primary", className, type = "button", ...props }: React.ComponentProps<"button"> & { tone?: ButtonTone }) {
  return <button type={type} className={buttonClass(tone, className)} {...props} />;
}
