import clsx from "clsx";

export interface Column {
  label: string;
  /** Numbers align right, so that digits line up. */
  numeric?: boolean;
  className?: string;
}

/** The one table header of the app: sticky, small, muted (DESIGN.md: compact tables with sticky headers). */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead className="sticky top-0 bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
      <tr>
        {columns.map((c) => (
          <th key={c.label} className={clsx("px-3 py-2 font-medium", c.numeric && "text-right", c.className)}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
