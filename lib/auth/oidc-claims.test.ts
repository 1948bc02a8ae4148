import { describe, expect, it } from "vitest";
import { rolesFromClaim, ssoIdentityFromClaims } from "./oidc-claims";

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

describe("ssoIdentityFromClaims", () => {
  const claims = { iss: "https://idp.example", sub: "248289761001", email: " Jane.Doe@Example.com", name: "Jane Doe", groups: ["ml_lead"] };

  it("keys the identity by issuer and subject, with the email in lower case", () => {
    expect(ssoIdentityFromClaims({ ...claims, email_verified: true })).toEqual({
      identity: {
        issuer: "https://idp.example",
        subject: "248289761001",
        email: "jane.doe@example.com",
        emailVerified: true,
        name: "Jane Doe",
        roles: ["ml_lead"],
      },
    });
  });

  it.each([
    ["true", true, true],
    ['the string "true"', "true", true],
    ["false", false, false],
    ["absent", undefined, false],
    ["any other value", "yes", false],
  ])("email_verified %s counts as verified: %s", (_label, emailVerified, expected) => {
    const result = ssoIdentityFromClaims({ ...claims, email_verified: emailVerified });
    expect("identity" in result && result.identity.emailVerified).toBe(expected);
  });

  it("names the person by email when the name claim is missing or unusable", () => {
    for (const name of [undefined, "", 7, "x".repeat(201)]) {
      const result = ssoIdentityFromClaims({ ...claims, name });
      expect("identity" in result && result.identity.name).toBe("jane.doe@example.com");
    }
  });

  it.each([
    ["no issuer", { iss: undefined }, "no usable iss claim"],
    ["no subject", { sub: "" }, "no usable sub claim"],
    ["a subject over 255 characters", { sub: "s".repeat(256) }, "no usable sub claim"],
    ["no email", { email: undefined }, "no usable email claim"],
    ["an email that is not one", { email: "jane" }, "no usable email claim"],
    ["an email over 320 characters", { email: `${"j".repeat(320)}@example.com` }, "no usable email claim"],
    ["a lone surrogate", { email: "jane\ud800@example.com" }, "no usable email claim"],
    ["a NUL", { sub: "a\u0000b" }, "no usable sub claim"],
  ])("refuses %s", (_label, change, refused) => {
    expect(ssoIdentityFromClaims({ ...claims, ...change })).toEqual({ refused });
  });

  it("reads roles from the configured claim, and leaves refusing an identity without one to sign-in", () => {
    expect(ssoIdentityFromClaims({ ...claims, roles: "compliance" }, "roles")).toMatchObject({ identity: { roles: ["compliance"] } });
    expect(ssoIdentityFromClaims({ ...claims, groups: ["engineering"] })).toMatchObject({ identity: { roles: [] } });
  });
});
