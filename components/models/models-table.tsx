"use client";

import { Search } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import type { ModelWithHealth } from "@/lib/fleet/queries";
import { HealthCell, modelHref, ModelNameCell, NoModelsYet, StageAndStatusCells } from "./model-cells";
import { applyView, nextSort, readView, STATUS_FILTERS, writeView, type ModelsView, type SortKey } from "./models-query";
import { SortableHeaderCell, Table } from "@/components/ui/table";

const COLUMNS: { key: SortKey; label: string; numeric?: boolean; className?: string }[] = [
  { key: "name", label: "Model" },
  { key: "owner", label: "Owner", className: "hidden xl:table-cell" },
  { key: "production", label: "Production" },
  { key: "staging", label: "Staging" },
  { key: "status", label: "Status" },
  { key: "p95", label: "p95 latency", numeric: true },
  { key: "error_rate", label: "Error rate", numeric: true },
  { key: "volume", label: "Volume", numeric: true },
];

/** `/` focuses the filter from anywhere on the page, unless the person is typing elsewhere. */
function useSlashFocus(ref: React.RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (event.key !== "/" || event.metaKey || event.ctrlKey || target.closest("input, textarea, select, [contenteditable]")) return;
      event.preventDefault();
      ref.current?.focus();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [ref]);
}

function SortHeader({ column, view, onSort }: { column: (typeof COLUMNS)[number]; view: ModelsView; onSort: (key: SortKey) => void }) {
  const { key, ...rest } = column;
  return <SortableHeaderCell {...rest} active={view.sort === key} dir={view.dir} onSort={() => onSort(key)} />;
}

export function ModelsTable({ models }: { models: ModelWithHealth[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = readView(searchParams);
  const filter = useRef<HTMLInputElement>(null);
  useSlashFocus(filter);

  function update(change: Partial<ModelsView>) {
    const query = writeView(searchParams, { ...view, ...change });
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  if (models.length === 0) {
    return <NoModelsYet />;
  }
  const rows = applyView(models, view);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-2 left-2 size-4 text-zinc-400" />
          <input
            ref={filter}
            type="search"
            aria-label="Filter models"
            placeholder="Filter by name, owner, task   /"
            defaultValue={view.q}
            onChange={(e) => update({ q: e.target.value })}
            className="h-8 w-72 rounded-md border border-zinc-300 bg-white pr-2 pl-8 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        <label className="sr-only" htmlFor="status-filter">
          Status
        </label>
        <select
          id="status-filter"
          value={view.status ?? ""}
          onChange={(e) => update({ status: e.target.value || null })}
          className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">All statuses</option>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <span className="text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
          {rows.length} of {models.length} models
        </span>
      </div>
      <Table
        className="whitespace-nowrap"
        header={COLUMNS.map((c) => (
          <SortHeader key={c.key} column={c} view={view} onSort={(key) => update(nextSort(view, key))} />
        ))}
        footer={rows.length === 0 && <p className="px-3 py-6 text-center text-zinc-500">No model matches this filter.</p>}
      >
        {rows.map((m) => {
          const href = modelHref(m.name);
          return (
            <tr key={m.name} data-testid="model-row" onClick={() => router.push(href)} className="h-9 cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-900">
              <ModelNameCell model={m} />
              <td className="hidden px-3 text-zinc-600 xl:table-cell dark:text-zinc-400">{m.owner || "—"}</td>
              <StageAndStatusCells model={m} />
              <HealthCell model={m} metric="latency_p95_ms" trend="wide" />
              <HealthCell model={m} metric="error_rate" trend="wide" />
              <HealthCell model={m} metric="requests_per_minute" trend="wide" />
            </tr>
          );
        })}
      </Table>
    </div>
  );
}
