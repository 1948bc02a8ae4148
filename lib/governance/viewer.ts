/**
 * What a viewer may do with a request, from the same rules the server enforces. The views carry
 * emails rather than user ids; an email names one account, so it serves as the id here.
 */
import { rolesGrant, type Permission } from "@/lib/auth/permissions";
import { GATE_LABELS, type GateName } from "./gates";
import { checkApprove, checkReject, checkWaive, checkWithdraw, missingApprovals, type Actor, type Verdict } from "./rules";
import type { PromotionView } from "./views";

export interface Viewer {
  email: string;
  roles: readonly string[];
}

export type Availability = { ok: true } | { ok: false; reason: string };

export interface ViewerActions {
  approve: Availability;
  reject: Availability;
  withdraw: Availability;
  /** One entry per failing gate not yet waived. */
  waive: { gate: string; availability: Availability }[];
}

const ROLE_NEEDED: Partial<Record<Permission, string>> = {
  "promotion.decide": "Approving and rejecting need the ml_lead or compliance role",
  "gate.waive": "Waiving a gate needs the compliance role",
  "promotion.request": "Only ml_leads request and withdraw promotions",
};

function availability(verdict: Verdict, viewer: Viewer, permission: Permission): Availability {
  // The server checks the permission first; say that reason first too.
  if (!rolesGrant(viewer.roles, permission) && !viewer.roles.includes("admin")) return { ok: false, reason: ROLE_NEEDED[permission]! };
  return verdict.ok ? { ok: true } : { ok: false, reason: verdict.reason };
}

export function viewerActions(p: PromotionView, viewer: Viewer): ViewerActions {
  const actor: Actor = { kind: "user", id: viewer.email, roles: viewer.roles };
  const request = { status: p.status, requestedById: p.requested_by };
  const approvals = p.approvals.map((a) => ({ userId: a.by, role: a.role }));
  const waivers = p.gates.filter((g) => g.waived).map((g) => ({ gate: g.name }));
  return {
    approve: availability(checkApprove(request, p.required_approvals, approvals, actor), viewer, "promotion.decide"),
    reject: availability(checkReject(request, approvals, actor), viewer, "promotion.decide"),
    withdraw: availability(checkWithdraw(request, actor), viewer, "promotion.request"),
    waive: p.gates
      .filter((g) => !g.passed && !g.waived)
      .map((g) => ({ gate: g.name, availability: availability(checkWaive(request, p.gates, waivers, actor, g.name), viewer, "gate.waive") })),
  };
}

/** "Waiting for you": the viewer's approval would count, or a gate waits for their waiver. */
export function waitsForViewer(p: PromotionView, viewer: Viewer): boolean {
  if (p.status !== "pending") return false;
  const actions = viewerActions(p, viewer);
  return actions.approve.ok || actions.waive.some((w) => w.availability.ok);
}

export const gateTitle = (name: string): string => GATE_LABELS[name as GateName] ?? name;

/**
 * What the viewer's Approve will do, said before the click: record the approval while a gate fails
 * or approvals are still missing, or execute the promotion at once. Null when they cannot approve.
 */
export function approveEffect(p: PromotionView, viewer: Viewer): string | null {
  if (!viewerActions(p, viewer).approve.ok) return null;
  const actor: Actor = { kind: "user", id: viewer.email, roles: viewer.roles };
  const approvals = p.approvals.map((a) => ({ userId: a.by, role: a.role }));
  const verdict = checkApprove({ status: p.status, requestedById: p.requested_by }, p.required_approvals, approvals, actor);
  if (!verdict.ok) return null;
  const failing = p.gates.filter((g) => g.status === "failed").map((g) => gateTitle(g.name));
  if (failing.length) {
    const one = failing.length === 1;
    return `Records your approval; the promotion executes only when the failing gate${one ? "" : "s"} (${failing.join(", ")}) ${one ? "is" : "are"} waived or pass${one ? "es" : ""}.`;
  }
  const after = missingApprovals(p.required_approvals, [...approvals, { userId: viewer.email, role: verdict.role }]);
  const still = Object.entries(after).map(([role, n]) => `${n} ${role}`);
  if (still.length) return `Records your approval; still needed after yours: ${still.join(" + ")}.`;
  return `Executes the promotion at once: ${p.version} moves to ${p.target_stage}.`;
}

/** Gate names short enough for a one-line summary. */
const GATE_SHORT: Record<string, string> = {
  model_card: "model card",
  metrics_no_worse: "declared metrics",
  no_drift: "drift",
  pipeline_run: "producing run",
  quality_vs_production: "realized quality",
};

/** "v4 → production pending · needs 1 compliance · drift gate failing": an open request in one line. */
export function pendingSummary(p: PromotionView): string {
  const parts = [`${p.version} → ${p.target_stage} pending`];
  const missing = Object.entries(p.missing_approvals).map(([role, n]) => `${n} ${role}`);
  const failing = p.gates.filter((g) => g.status === "failed").map((g) => GATE_SHORT[g.name] ?? g.name);
  if (missing.length) parts.push(`needs ${missing.join(" + ")}`);
  else if (failing.length) parts.push("approvals complete");
  if (failing.length) parts.push(`${failing.join(", ")} gate${failing.length > 1 ? "s" : ""} failing`);
  return parts.join(" · ");
}
