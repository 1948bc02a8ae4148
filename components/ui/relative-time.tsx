"use client";

import { useSyncExternalStore } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

export function formatRelative(iso: string, now: number): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  // The clock ticks every 30 s, so anything closer than a minute is "just now", never "in 14 sec.".
  if (Math.abs(seconds) < 60) return "just now";
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.round(seconds / size), unit);
  }
  return iso;
}

const TICK_MS = 30_000;

function subscribeClock(onTick: () => void) {
  const timer = setInterval(onTick, TICK_MS);
  return () => clearInterval(timer);
}

// Rounded to the tick so that consecutive reads agree, as useSyncExternalStore requires.
function clockSnapshot(): number {
  return Math.floor(Date.now() / TICK_MS) * TICK_MS;
}

/** The time, to the clock's tick, for what a render decides by it; null while rendered on the server. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribeClock, clockSnapshot, () => null);
}

/** "2026-11-28 22:31:05 UTC": the exact time, for hover titles and for pages that quote times. */
export function exactUtc(iso: string): string {
  return iso
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z")
    .replace("Z", " UTC");
}

/** "4 min ago", with the exact UTC time on hover. */
export function RelativeTime({ iso }: { iso: string }) {
  // The server renders the exact time; the browser switches to relative once hydrated.
  const now = useNow();
  const exact = exactUtc(iso);
  return (
    <time dateTime={iso} title={exact} className="tabular whitespace-nowrap">
      {now === null ? exact : formatRelative(iso, now)}
    </time>
  );
}
