import { describe, expect, it } from "vitest";
import { auditHref, auditWindow, readAuditView } from "./audit-view";

const NOW = Date.parse("2026-11-28T12:00:00Z");

describe("the audit page's URL state", () => {
  it("reads filters, range, window, cursor and the chosen entry, ignoring empty and malformed values", () => {
    const view = readAuditView(new URLSearchParams("actor=lead%40example.com&action=&range=7d&cursor=42&seq=x"));
    expect(view).toEqual({ filters: { actor: "lead@example.com" }, range: "7d", from: undefined, to: undefined, cursor: "42", seq: null });
  });

  it("follows the shared time range, and an explicit window overrides it", () => {
    expect(auditWindow(readAuditView({ range: "1h" }), NOW)).toEqual({ from: "2026-11-28T11:00:00.000Z", label: "last 1 h" });
    expect(auditWindow(readAuditView({}), NOW).from).toBe("2026-11-27T12:00:00.000Z");
    expect(auditWindow(readAuditView({ from: "2026-11-01T08:30", range: "1h" }), NOW)).toEqual({
      from: "2026-11-01T08:30:00Z",
      to: undefined,
      label: "the window below (UTC)",
    });
  });

  it("writes back what it reads, so a link reproduces the view", () => {
    const href = "/audit?actor=a%40b.c&outcome=denied&range=30d&cursor=9&seq=3";
    expect(auditHref(readAuditView(new URLSearchParams(href.split("?")[1])))).toBe(href);
    expect(auditHref(readAuditView({ range: "24h" }))).toBe("/audit");
    expect(auditHref(readAuditView({ target: "m", seq: "5", cursor: "7" }), { range: "7d", cursor: undefined, seq: null })).toBe("/audit?target=m&range=7d");
  });
});
