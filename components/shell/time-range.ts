/** The global time range, kept in the URL as `?range=` so that a pasted link reproduces the view. */
export const TIME_RANGES = {
  "1h": { label: "Last 1 h", seconds: 3600 },
  "6h": { label: "Last 6 h", seconds: 6 * 3600 },
  "24h": { label: "Last 24 h", seconds: 24 * 3600 },
  "7d": { label: "Last 7 d", seconds: 7 * 86400 },
  "30d": { label: "Last 30 d", seconds: 30 * 86400 },
} as const;

export type TimeRangeKey = keyof typeof TIME_RANGES;
export const DEFAULT_RANGE: TimeRangeKey = "24h";

export function parseRange(value: string | null | undefined): TimeRangeKey {
  return value && value in TIME_RANGES ? (value as TimeRangeKey) : DEFAULT_RANGE;
}

export function rangeBounds(key: TimeRangeKey, now = Date.now()): { from: Date; to: Date } {
  return { from: new Date(now - TIME_RANGES[key].seconds * 1000), to: new Date(now) };
}
