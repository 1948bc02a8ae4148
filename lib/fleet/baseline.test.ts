import { describe, expect, it } from "vitest";
import { baselineWindow, productionSpells, type StageMove } from "./baseline";

const DAY = 86_400_000;
const now = Date.parse("2026-11-28T12:00:00Z");
const windowFrom = now - DAY;
const move = (version: string, from_stage: string, to_stage: string, daysAgo: number): StageMove => ({
  version,
  version_id: `id-${version}`,
  from_stage,
  to_stage,
  at: now - daysAgo * DAY,
});

describe("productionSpells", () => {
  it("opens a spell on a move to production and closes it on the move away, rollbacks included", () => {
    const spells = productionSpells([
      move("v7", "staging", "production", 35),
      move("v8", "staging", "production", 26 / 24),
      move("v7", "production", "archived", 26 / 24),
      move("v7", "archived", "production", 25 / 24),
      move("v8", "production", "archived", 25 / 24),
    ]);
    expect(spells.map((s) => [s.version, (now - s.from) / DAY, s.to === null ? null : (now - s.to) / DAY])).toEqual([
      ["v7", 35, 26 / 24],
      ["v8", 26 / 24, 25 / 24],
      ["v7", 25 / 24, null],
    ]);
  });
});

describe("baselineWindow", () => {
  it("is null without a version in production", () => {
    expect(baselineWindow([], windowFrom)).toBeNull();
    expect(baselineWindow(productionSpells([move("v1", "staging", "production", 9), move("v1", "production", "archived", 2)]), windowFrom)).toBeNull();
  });

  it("compares a version promoted within the week with the week before its promotion, served by its predecessor", () => {
    const window = baselineWindow(
      productionSpells([move("v2", "staging", "production", 21), move("v3", "staging", "production", 6), move("v2", "production", "archived", 6)]),
      windowFrom,
    )!;
    expect(window.before_promotion_of).toBe("v3");
    expect(window.promoted_at).toBe(now - 6 * DAY);
    expect([(now - window.from) / DAY, (now - window.to) / DAY]).toEqual([13, 6]);
    expect(window.segments).toEqual([{ version_id: "id-v2", from: now - 13 * DAY, to: now - 6 * DAY }]);
  });

  it("compares a long-serving version with its own week before the last 24 hours", () => {
    const window = baselineWindow(productionSpells([move("v1", "staging", "production", 55)]), windowFrom)!;
    expect(window.before_promotion_of).toBeNull();
    expect([(now - window.from) / DAY, (now - window.to) / DAY]).toEqual([8, 1]);
    expect(window.segments).toEqual([{ version_id: "id-v1", from: now - 8 * DAY, to: now - DAY }]);
  });

  it("after a rollback, reads the week before it: mostly the version rolled back to, and the hour of the one rolled back", () => {
    const window = baselineWindow(
      productionSpells([
        move("v7", "staging", "production", 35),
        move("v8", "staging", "production", 26 / 24),
        move("v7", "production", "archived", 26 / 24),
        move("v7", "archived", "production", 25 / 24),
        move("v8", "production", "archived", 25 / 24),
      ]),
      windowFrom,
    )!;
    expect(window.before_promotion_of).toBe("v7");
    expect(window.segments.map((s) => [s.version_id, (s.to - s.from) / 3_600_000])).toEqual([
      ["id-v7", 7 * 24 - 1],
      ["id-v8", 1],
    ]);
  });
});
