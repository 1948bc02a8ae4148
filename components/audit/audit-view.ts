import { DEFAULT_RANGE, parseRange, TIME_RANGES, type TimeRangeKey } from "@/components/shell/time-range";

/** The audit page's state, all of it in the URL: filters, the time window, the page and the entry shown. */
export const AUDIT_FILTERS = ["actor", "action", "target", "outcome"] as const;
export type AuditFilterName = (typeof AUDIT_FILTERS)[number];

export interface AuditView {
  filters: Partial<Record<AuditFilterName, string>>;
  /** The shared time range, used unless an explicit window is given. */
  range: TimeRangeKey;
  /** An explicit window in UTC, as the form's datetime-local fields give it (no zone) or ISO. */
  from?: string;
  to?: string;
  cursor?: string;
  seq: number | null;
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function readAuditView(params: Params): AuditView {
  const seq = read(params, "seq");
  return {
    filters: Object.fromEntries(AUDIT_FILTERS.map((f) => [f, read(params, f)]).filter(([, v]) => v !== undefined)),
    range: parseRange(read(params, "range")),
    from: read(params, "from"),
    to: read(params, "to"),
    cursor: read(params, "cursor"),
    seq: seq && /^\d{1,15}$/.test(seq) ? Number(seq) : null,
  };
}

/** A datetime-local value carries no zone; the page says its times are UTC. */
function asUtc(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value) ? `${value}:00Z` : value;
}

/** The window the entries are read for, and how the page names it. */
export function auditWindow(view: AuditView, now: number): { from?: string; to?: string; label: string } {
  if (view.from || view.to) return { from: asUtc(view.from), to: asUtc(view.to), label: "the window below (UTC)" };
  return { from: new Date(now - TIME_RANGES[view.range].seconds * 1000).toISOString(), label: TIME_RANGES[view.range].label.toLowerCase() };
}

/** The address of the view with some of it changed; a new filter or window starts from the newest page. */
export function auditHref(view: AuditView, change: Partial<AuditView> = {}): string {
  const next = { ...view, ...change };
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(next.filters)) if (value) query.set(name, value);
  if (next.range !== DEFAULT_RANGE) query.set("range", next.range);
  if (next.from) query.set("from", next.from);
  if (next.to) query.set("to", next.to);
  if (next.cursor) query.set("cursor", next.cursor);
  if (next.seq !== null) query.set("seq", String(next.seq));
  const text = query.toString();
  return text ? `/audit?${text}` : "/audit";
}
