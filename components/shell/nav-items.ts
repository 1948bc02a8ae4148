import type { Permission } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  icon: "overview" | "models" | "drift" | "pipelines" | "incidents" | "approvals" | "audit" | "settings";
  permission: Permission;
}

/** The sidebar, in order; each entry shows only to roles holding its permission. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", icon: "overview", permission: "dashboards.read" },
  { href: "/models", label: "Models", icon: "models", permission: "dashboards.read" },
  { href: "/drift", label: "Drift", icon: "drift", permission: "dashboards.read" },
  { href: "/pipelines", label: "Pipelines", icon: "pipelines", permission: "dashboards.read" },
  { href: "/incidents", label: "Incidents", icon: "incidents", permission: "dashboards.read" },
  { href: "/approvals", label: "Approvals", icon: "approvals", permission: "dashboards.read" },
  { href: "/audit", label: "Audit", icon: "audit", permission: "audit.read" },
  { href: "/settings", label: "Settings", icon: "settings", permission: "admin" },
];
