import clsx from "clsx";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={clsx("animate-pulse rounded bg-zinc-200 dark:bg-zinc-800", className)} />;
}

/** A page's title and description while it loads. */
export function HeaderSkeleton() {
  return (
    <>
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-4 w-96 max-w-full" />
    </>
  );
}

const LEADS = {
  /** A strip of KPI cards (the Overview and most pages). */
  kpis: (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {Array.from({ length: 4 }, (_, i) => (
        <Skeleton key={i} className="h-20" />
      ))}
    </div>
  ),
  /** A form panel above a list (the access pages). */
  panel: <Skeleton className="h-24" />,
  /** One control, a filter, above a list (incidents, alert rules, webhooks). */
  control: <Skeleton className="h-8 w-48" />,
};

/** The shape of a page while its data loads: header, what leads the page, and rows. */
export function PageSkeleton({ lead = "kpis", rows = 8 }: { lead?: keyof typeof LEADS; rows?: number }) {
  return (
    <div role="status" aria-label="Loading" className="space-y-5">
      <HeaderSkeleton />
      {LEADS[lead]}
      <div className="space-y-2">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-9" />
        ))}
      </div>
    </div>
  );
}
