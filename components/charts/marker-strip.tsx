"use client";

import Link from "next/link";
import { useId, useRef, useState } from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import { labelWidth, stackLabels, type ChartMarker } from "./series-data";

export const ROLLBACK_COLOUR = "#d97706";
export const ALARM_COLOUR = "#dc2626";

/** Each kind keeps its colour and says what it is in words too, never by colour alone. */
export const MARKER_STYLES: Record<ChartMarker["kind"], { colour: string; prefix: string; name: string }> = {
  promotion: { colour: "currentColor", prefix: "", name: "Stage change" },
  rollback: { colour: ROLLBACK_COLOUR, prefix: "rollback: ", name: "Rollback" },
  waiver: { colour: "#a16207", prefix: "waiver: ", name: "Gate waived" },
  drift_onset: { colour: "#db2777", prefix: "", name: "Drift began" },
  pipeline_failed: { colour: ALARM_COLOUR, prefix: "", name: "Pipeline run failed" },
  incident: { colour: ALARM_COLOUR, prefix: "incident ", name: "Incident opened" },
};

export const ROW_HEIGHT = 18;

export function markerLabel(m: Pick<ChartMarker, "kind" | "text">): string {
  return MARKER_STYLES[m.kind].prefix + m.text;
}

export function stripHeight(rows: number): number {
  return rows === 0 ? 0 : rows * ROW_HEIGHT + 4;
}

/** Where each marker's label sits in the strip, and how many rows the strip needs. */
export function useStripLayout(markers: { x: number; kind: ChartMarker["kind"]; text: string }[], plotWidth: number) {
  const placed = stackLabels(
    markers.map((m) => ({ x: m.x, width: labelWidth(markerLabel(m)) })),
    plotWidth,
  );
  return { placed, rows: placed.reduce((n, p) => Math.max(n, p.row + 1), 0) };
}

function formatUtc(iso: string): string {
  return iso.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC");
}

/**
 * The labels of a chart's markers, in a strip above the plot so they never cover the data, stacked
 * when close. Hovering or focusing a label opens its card (what, who, when, why, a link); the card
 * follows its label in the tab order, so its link is the next stop; Escape closes it.
 */
export function MarkerStrip({
  markers,
  placed,
  rows,
  plotLeft,
  title,
}: {
  markers: (ChartMarker & { x: number })[];
  placed: { left: number; row: number }[];
  rows: number;
  plotLeft: number;
  title: string;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const closing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = useId();
  if (rows === 0) return null;
  const height = stripHeight(rows);
  const keep = (i: number) => {
    if (closing.current) clearTimeout(closing.current);
    setOpen(i);
  };
  const leave = () => {
    if (closing.current) clearTimeout(closing.current);
    closing.current = setTimeout(() => setOpen(null), 150);
  };
  return (
    <div className="relative" style={{ height }} role="group" aria-label={`${title}: what changed`} data-testid="marker-strip">
      {markers.map((m, i) => {
        const style = MARKER_STYLES[m.kind];
        const at = placed[i];
        const top = height - (at.row + 1) * ROW_HEIGHT;
        const cardId = `${id}-card-${i}`;
        return (
          <div key={`${m.ts}-${m.kind}-${m.text}`} onMouseEnter={() => keep(i)} onMouseLeave={leave}>
            {/* The tick joining the label to its line on the plot; the card opens below the strip, never over another label. */}
            <span aria-hidden className="absolute w-px" style={{ left: plotLeft + m.x, top: top + ROW_HEIGHT - 3, bottom: 0, background: style.colour }} />
            <button
              type="button"
              data-marker={m.kind}
              aria-expanded={open === i}
              aria-controls={cardId}
              onFocus={() => keep(i)}
              onBlur={(e) => {
                if (!e.currentTarget.parentElement?.contains(e.relatedTarget as Node | null)) leave();
              }}
              onKeyDown={(e) => {
                if (e.key === "Escape") setOpen(null);
              }}
              className="absolute z-10 flex items-center gap-1 truncate rounded border border-zinc-200 bg-white px-1 text-[10px] leading-[14px] whitespace-nowrap text-zinc-700 hover:border-zinc-400 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200"
              style={{ left: plotLeft + at.left, top, width: labelWidth(markerLabel(m)), borderLeftColor: style.colour, borderLeftWidth: 3 }}
            >
              <span className="sr-only">{style.name}: </span>
              {markerLabel(m)}
            </button>
            {open === i && (
              <div
                id={cardId}
                role="region"
                aria-label={`${style.name}: ${m.text}`}
                data-testid="marker-card"
                onBlur={(e) => {
                  if (!e.currentTarget.parentElement?.contains(e.relatedTarget as Node | null)) leave();
                }}
                onKeyDown={(e) => {
                  if (e.key === "Escape") setOpen(null);
                }}
                className="absolute z-30 w-72 max-w-[80vw] space-y-1 rounded-md border border-zinc-200 bg-white p-3 text-xs text-zinc-800 shadow-lg dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
                style={{ left: Math.max(0, plotLeft + at.left - 8), top: height }}
              >
                <p className="flex items-center gap-1.5 font-medium">
                  <span aria-hidden className="size-2 rounded-full" style={{ background: style.colour }} />
                  {style.name}: {m.text}
                </p>
                <p className="tabular text-zinc-600 dark:text-zinc-400">
                  {formatUtc(m.ts)} · <RelativeTime iso={m.ts} />
                </p>
                {m.who && <p>By {m.who}</p>}
                {m.reason && <p className="break-words text-zinc-700 dark:text-zinc-300">{m.reason}</p>}
                {m.href && (
                  <Link href={m.href} className="inline-block font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    Open details
                  </Link>
                )}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
