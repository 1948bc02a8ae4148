import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, rolesGrant, scopesGrant, type Permission } from "./permissions";

/**
 * Contract section 3, copied cell by cell (✓ = granted). If the map in code drifts from the
 * contract, this table says which cell.
 */
const CONTRACT: Record<Permission, Record<(typeof ROLES)[number], boolean>> = {
  "dashboards.read": { viewer: true, oncall: true, ml_lead: true, compliance: true, admin: true },
  "registry.write": { viewer: false, oncall: false, ml_lead: true, compliance: false, admin: true },
  "settings.write": { viewer: false, oncall: false, ml_lead: true, compliance: false, admin: true },
  "promotion.request": { viewer: false, oncall: false, ml_lead: true, compliance: false, admin: false },
  "promotion.decide": { viewer: false, oncall: false, ml_lead: true, compliance: true, admin: false },
  "gate.waive": { viewer: false, oncall: false, ml_lead: false, compliance: true, admin: false },
  rollback: { viewer: false, oncall: true, ml_lead: true, compliance: false, admin: false },
  "incidents.manage": { viewer: false, oncall: true, ml_lead: true, compliance: false, admin: true },
  "alerts.manage": { viewer: false, oncall: true, ml_lead: true, compliance: false, admin: true },
  "audit.read": { viewer: false, oncall: false, ml_lead: false, compliance: true, admin: true },
  admin: { viewer: false, oncall: false, ml_lead: false, compliance: false, admin: true },
  ingest: { viewer: false, oncall: false, ml_lead: false, compliance: false, admin: false },
  // Not in the contract's table: every person has their own account page and password.
  "account.manage": { viewer: true, oncall: true, ml_lead: true, compliance: true, admin: true },
};

describe("permission map against contract section 3", () => {
  it("covers exactly the contract's permissions", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  for (const [permission, row] of Object.entries(CONTRACT) as [Permission, Record<string, boolean>][]) {
    for (const role of ROLES) {
      it(`${role} ${row[role] ? "may" : "may not"} ${permission}`, () => {
        expect(rolesGrant([role], permission)).toBe(row[role]);
      });
    }
  }

  it("lets an admin never approve, whatever else the map says", () => {
    expect(rolesGrant(["admin"], "promotion.decide")).toBe(false);
  });

  it("grants a person holding several roles the union of them", () => {
    expect(rolesGrant(["viewer", "compliance"], "gate.waive")).toBe(true);
    expect(rolesGrant(["viewer", "oncall"], "audit.read")).toBe(false);
  });

  it("ignores unknown role names", () => {
    expect(rolesGrant(["superuser"], "admin")).toBe(false);
  });
});

describe("API key scopes", () => {
  it("read grants only dashboards, registry:write only registration, ingest only ingestion", () => {
    const granted = (scope: string) => (Object.keys(PERMISSIONS) as Permission[]).filter((p) => scopesGrant([scope], p));
    expect(granted("read")).toEqual(["dashboards.read"]);
    expect(granted("registry:write")).toEqual(["registry.write"]);
    expect(granted("ingest")).toEqual(["ingest"]);
  });

  it("never lets a key approve, reject, waive or roll back, whatever its scopes", () => {
    for (const permission of ["promotion.decide", "gate.waive", "rollback", "promotion.request"] as const) {
      expect(scopesGrant(["read", "ingest", "registry:write"], permission)).toBe(false);
    }
  });
});
