"use client";

import Link from "next/link";
import { TIME_RANGES, type TimeRangeKey } from "@/components/shell/time-range";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { auditHref, type AuditView } from "./audit-view";

const TEXT_FILTERS = [
  { name: "actor", label: "Actor (exact)", placeholder: "lead@example.com" },
  { name: "action", label: "Action (prefix)", placeholder: "promotion." },
  { name: "target", label: "Target (exact)", placeholder: "fraud-detector" },
] as const;

/**
 * The filters as a plain GET form (it works before the scripts load), and the window as presets
 * that set the shared time range or as an explicit From/To in UTC.
 */
export function AuditFilters({ view, windowLabel }: { view: AuditView; windowLabel: string }) {
  const explicit = Boolean(view.from || view.to);
  return (
    <div className="mb-4 space-y-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Time window">
        <span className="text-zinc-600 dark:text-zinc-400">Showing {windowLabel}:</span>
        {(Object.keys(TIME_RANGES) as TimeRangeKey[]).map((key) => {
          const active = !explicit && view.range === key;
          return (
            <Link
              key={key}
              href={auditHref(view, { range: key, from: undefined, to: undefined, cursor: undefined, seq: null })}
              aria-current={active ? "true" : undefined}
              className={buttonClass(active ? "primary" : "neutral", "px-2 py-1 text-xs")}
            >
              {TIME_RANGES[key].label}
            </Link>
          );
        })}
      </div>
      <form method="get" action="/audit" aria-label="Filters" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-7">
        <input type="hidden" name="range" value={view.range} />
        {TEXT_FILTERS.map((f) => (
          <Field key={f.name} label={f.label}>
            {(control) => <input name={f.name} defaultValue={view.filters[f.name]} placeholder={f.placeholder} {...control} />}
          </Field>
        ))}
        <Field label="Outcome">
          {(control) => (
            <select name="outcome" defaultValue={view.filters.outcome ?? ""} {...control}>
              <option value="">any</option>
              <option value="success">success</option>
              <option value="failure">failure</option>
              <option value="denied">denied</option>
            </select>
          )}
        </Field>
        <Field label="From (UTC)">{(control) => <input type="datetime-local" name="from" defaultValue={view.from?.slice(0, 16)} {...control} />}</Field>
        <Field label="To (UTC)">{(control) => <input type="datetime-local" name="to" defaultValue={view.to?.slice(0, 16)} {...control} />}</Field>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            Apply
          </button>
          <Link href={auditHref({ filters: {}, range: view.range, seq: null })} className={buttonClass("quiet")}>
            Clear
          </Link>
        </div>
      </form>
    </div>
  );
}
