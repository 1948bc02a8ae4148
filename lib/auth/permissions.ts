/**
 * Who may do what: contract section 3, as one table. Every route handler names one of these
 * permissions through `withAuth`; the UI reads the same table to hide what a role cannot use.
 */
export const ROLES = ["viewer", "oncall", "ml_lead", "compliance", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ["ingest", "registry:write", "read"] as const;
export type Scope = (typeof SCOPES)[number];

interface PermissionRule {
  roles: readonly Role[];
  /** The API-key scope that grants it; absent means only a person may do it. */
  scope?: Scope;
  description: string;
}

export const PERMISSIONS = {
  "dashboards.read": {
    roles: ["viewer", "oncall", "ml_lead", "compliance", "admin"],
    scope: "read",
    description: "read dashboards: fleet, models, metrics, drift, pipelines, incidents, promotion requests",
  },
  "registry.write": { roles: ["ml_lead", "admin"], scope: "registry:write", description: "register models and versions, upload references" },
  "settings.write": { roles: ["ml_lead", "admin"], description: "set pipeline expectations and per-model drift settings" },
  "promotion.request": { roles: ["ml_lead"], description: "request a promotion" },
  // ml_lead may never approve their own request: that rule lives in governance, not here.
  "promotion.decide": { roles: ["ml_lead", "compliance"], description: "approve or reject a promotion" },
  "gate.waive": { roles: ["compliance"], description: "waive a failing policy gate" },
  rollback: { roles: ["oncall", "ml_lead"], description: "emergency rollback (break-glass)" },
  "incidents.manage": { roles: ["oncall", "ml_lead", "admin"], description: "acknowledge, annotate, resolve incidents" },
  "alerts.manage": { roles: ["oncall", "ml_lead", "admin"], description: "manage alert rules and webhooks" },
  "audit.read": { roles: ["compliance", "admin"], description: "read, export and verify the audit trail" },
  admin: { roles: ["admin"], description: "manage users, roles, API keys, policies" },
  // A key is no person: it has no password and no account page of its own.
  "account.manage": { roles: ["viewer", "oncall", "ml_lead", "compliance", "admin"], description: "see your own account and change your own password" },
  ingest: { roles: [], scope: "ingest", description: "push metrics, features, pipeline runs, lineage and OTLP" },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesGrant(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission].roles;
  return roles.some((role) => allowed.includes(role));
}

export function scopesGrant(scopes: readonly string[], permission: Permission): boolean {
  const rule: PermissionRule = PERMISSIONS[permission];
  return rule.scope !== undefined && scopes.includes(rule.scope);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
