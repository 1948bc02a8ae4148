import { describe, expect, it } from "vitest";
import { rolesFromClaim } from "./oidc-roles";

describe("rolesFromClaim", () => {
  it.each([
    ["a list of groups", { groups: ["ml_lead", "engineering"] }, undefined, ["ml_lead"]],
    ["several roles, repeated", { groups: ["viewer", "compliance", "viewer"] }, undefined, ["viewer", "compliance"]],
    ["a space- or comma-separated string", { groups: "oncall, viewer" }, undefined, ["oncall", "viewer"]],
    ["another claim by name", { roles: ["admin"], groups: ["viewer"] }, "roles", ["admin"]],
    ["no such claim", { sub: "x" }, undefined, []],
    ["a claim of the wrong type", { groups: 7 }, undefined, []],
    ["non-string entries", { groups: [1, null, "viewer"] }, undefined, ["viewer"]],
  ])("%s", (_label, claims, claim, expected) => {
    expect(rolesFromClaim(claims as Record<string, unknown>, claim)).toEqual(expected);
  });
});
