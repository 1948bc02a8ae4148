/**
 * Reading the proto3 JSON scalars OTLP uses. Each answers NaN or null for text that is not what
 * the field holds, so the caller can reject the data point with a reason.
 */

// Number() alone would read "" as 0 and accept "0x10" or " 1 "; JSON spells the non-finite doubles "NaN", "Infinity" and "-Infinity".
const DOUBLE_TEXT = /^-?(Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/;
const INTEGER_TEXT = /^-?\d+$/;
const NANOS_PER_MILLI = 1_000_000n;

/** A `double` field; NaN when the text is not a number. */
export function parseDouble(value: number | string): number {
  if (typeof value === "number") return value;
  return DOUBLE_TEXT.test(value) ? Number(value) : NaN;
}

/** An `sfixed64`/`int64` field; NaN when it is not an integer. Beyond 2^53 it loses precision, as any double would. */
export function parseInt64(value: number | string): number {
  if (typeof value === "number") return Number.isInteger(value) ? value : NaN;
  return INTEGER_TEXT.test(value) ? Number(value) : NaN;
}

/**
 * A `fixed64` time in nanoseconds since the Unix epoch, as RFC 3339 UTC with milliseconds
 * (truncated, as Plumbline stores milliseconds). Null when it is not such a time; 0 also
 * answers null, as OTLP uses it for "unset". Strings are read exactly; numbers beyond 2^53 have
 * already lost their last digits in JSON.parse, which only affects sub-millisecond digits.
 */
export function unixNanoToIso(value: number | string): string | null {
  const nanos = typeof value === "number" ? (Number.isInteger(value) && value >= 0 ? BigInt(value) : null) : /^\d+$/.test(value) ? BigInt(value) : null;
  if (nanos === null || nanos === 0n) return null;
  const date = new Date(Number(nanos / NANOS_PER_MILLI));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
