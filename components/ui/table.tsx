import clsx from "clsx";
import { ArrowDown, ArrowUp } from "lucide-react";

export interface Column {
  label: string;
  /** Numbers align right, so that digits line up. */
  numeric?: boolean;
  className?: string;
}

const HEAD = "sticky top-0 bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400";
const HEADER_CELL = "px-3 py-2 font-medium";

/**
 * The one table of the app: a scrolling frame, a sticky muted header, divided rows. The header is
 * either a list of columns or, for headers that do more (sorting), a row of `HeaderCell`s.
 */
export function Table({
  columns,
  header,
  label,
  className,
  frameClassName,
  footer,
  children,
}: {
  columns?: Column[];
  header?: React.ReactNode;
  /** The table's accessible name, when no heading names it. */
  label?: string;
  className?: string;
  /** The scrolling frame's classes, e.g. a maximum height. */
  frameClassName?: string;
  /** Shown inside the frame below the rows, e.g. "nothing matches this filter". */
  footer?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    // Focusable, so that a keyboard can scroll a wide table sideways.
    <div tabIndex={0} className={clsx("overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800", frameClassName)}>
      <table className={clsx("w-full text-left", className)} aria-label={label}>
        <thead className={HEAD}>
          <tr>{header ?? columns?.map((c) => <HeaderCell key={c.label} {...c} />)}</tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
      {footer}
    </div>
  );
}

export function HeaderCell({
  label,
  numeric,
  className,
  children,
  ...props
}: Column & { children?: React.ReactNode } & Omit<React.ThHTMLAttributes<HTMLTableCellElement>, "className" | "children">) {
  return (
    <th scope="col" className={clsx(HEADER_CELL, numeric && "text-right", className)} {...props}>
      {children ?? label}
    </th>
  );
}

/** A header that sorts its table: a button naming the column, the arrow of the current direction, and `aria-sort`. */
export function SortableHeaderCell({
  active,
  dir,
  onSort,
  title,
  ...column
}: Column & { active: boolean; dir: "asc" | "desc"; onSort: () => void; title?: string }) {
  const Arrow = dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <HeaderCell {...column} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        title={title}
        onClick={onSort}
        className={clsx(
          "inline-flex items-center gap-1 whitespace-nowrap hover:text-zinc-900 dark:hover:text-zinc-100",
          active && "text-zinc-900 dark:text-zinc-100",
        )}
      >
        {column.label}
        {active && <Arrow aria-hidden className="size-3" />}
      </button>
    </HeaderCell>
  );
}
