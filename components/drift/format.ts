/** Three significant digits with thousands separators (DESIGN.md); "—" for nothing. */
export function formatStat(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (value === 0) return "0";
  if (Math.abs(value) < 0.001) return value.toExponential(2);
  return Number(value.toPrecision(3)).toLocaleString("en", { maximumFractionDigits: 6 });
}

export function formatCount(value: number): string {
  return value.toLocaleString("en");
}

/** Background classes for a cell by severity (1 = at the threshold). */
export function severityClass(severity: number): string {
  if (severity >= 2) return "bg-red-300 text-red-950 dark:bg-red-800 dark:text-red-50";
  if (severity >= 1) return "bg-red-200 text-red-950 dark:bg-red-900 dark:text-red-50";
  if (severity >= 0.5) return "bg-amber-100 text-amber-950 dark:bg-amber-900/70 dark:text-amber-50";
  return "bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100";
}

/** Diagonal hatching for cells whose current sample is too small to judge. */
export const HATCHED = {
  backgroundImage: "repeating-linear-gradient(45deg, rgba(113,113,122,0.28) 0 2px, transparent 2px 7px)",
};
