import { describe, expect, it } from "vitest";
import { routeTemplateOf } from "./metrics";

describe("routeTemplateOf", () => {
  it.each([
    ["/api/v1/models", {}, "/api/v1/models"],
    ["/api/v1/models/fraud-detector", { name: "fraud-detector" }, "/api/v1/models/[name]"],
    ["/api/v1/models/a%20b/versions/v3/reference", { name: "a b", version: "v3" }, "/api/v1/models/[name]/versions/[version]/reference"],
    // A value equal to a fixed segment before it still leaves only fixed text and [param]s.
    ["/api/v1/models/models", { name: "models" }, "/api/v1/[name]/models"],
    ["/api/v1/models/versions/versions/v1/reference", { name: "versions", version: "v1" }, "/api/v1/models/[name]/versions/[version]/reference"],
    ["/api/auth/callback/credentials", { nextauth: ["callback", "credentials"] }, "/api/auth/[...nextauth]"],
  ])("%s → %s", (pathname, params, expected) => {
    expect(routeTemplateOf(pathname, params)).toBe(expected);
  });

  it("never echoes a value it cannot place", () => {
    expect(routeTemplateOf("/api/v1/models/%E0%A4%A", { name: "\uFFFD" })).toBe("(unmatched)");
    expect(routeTemplateOf("/api/v1/models/x", { name: "y" })).toBe("(unmatched)");
  });
});
