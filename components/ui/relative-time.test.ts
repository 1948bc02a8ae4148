import { describe, expect, it } from "vitest";
import { formatRelative } from "./relative-time";

const now = Date.parse("2026-11-25T12:00:00Z");

describe("formatRelative", () => {
  it.each([
    ["2026-11-25T12:00:14Z", "just now"],
    ["2026-11-25T11:59:20Z", "just now"],
    ["2026-11-25T11:56:00Z", "4 min. ago"],
    ["2026-11-25T10:00:00Z", "2 hr. ago"],
    ["2026-11-24T12:00:00Z", "yesterday"],
    ["2026-11-25T12:30:00Z", "in 30 min."],
  ])("%s → %s", (iso, expected) => {
    expect(formatRelative(iso, now)).toBe(expected);
  });
});
