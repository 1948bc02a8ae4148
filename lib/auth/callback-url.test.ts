import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./callback-url";

const ORIGIN = "https://plumbline.example";

describe("sameOriginPath", () => {
  it.each([
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/ /evil.example".replace(" ", "\r"),
    "https://evil.example/",
    "http:evil.example",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://plumbline.example@evil.example/",
    "https://plumbline.example.evil.example/",
    "http://plumbline.example/",
    "\u0000//evil.example",
    " //evil.example",
  ])("refuses %j", (value) => {
    expect(sameOriginPath(value, ORIGIN)).toBe("/");
  });

  it.each([
    ["/models/fraud-detector?tab=drift#top", "/models/fraud-detector?tab=drift#top"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/.//evil.example", "/evil.example"],
    ["https://plumbline.example/approvals", "/approvals"],
    ["approvals", "/approvals"],
  ])("keeps %j on this origin as %j", (value, expected) => {
    expect(sameOriginPath(value, ORIGIN)).toBe(expected);
  });

  it("falls back for nothing at all", () => {
    expect(sameOriginPath(null, ORIGIN)).toBe("/");
    expect(sameOriginPath("", ORIGIN, "/home")).toBe("/home");
  });

  it("never answers anything a browser would take off this origin, however the answer is read", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.constantFrom("/", "\\", "//", "\t", "%5C", "%09", "evil.example").chain((p) => fc.string().map((s) => p + s)),
        ),
        (value) => {
          const path = sameOriginPath(value, ORIGIN);
          expect(path.startsWith("/")).toBe(true);
          expect(/^\/[/\\]/.test(path)).toBe(false);
          expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
          expect(new URL(path, "https://other.example").origin).toBe("https://other.example");
        },
      ),
      { numRuns: 500 },
    );
  }, 60_000);
});
