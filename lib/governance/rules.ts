/**
 * The four-eyes rules of contract 4.5 as pure functions: who may approve, reject, waive or
 * withdraw a request, and when it executes. The server runs them under the request's row lock;
 * the request page runs the same functions to show only the buttons the viewer may use and to
 * say why the others are absent.
 */
import type { GateResult, PromotionStatus, RequiredApprovals } from "@/drizzle/schema/governance";

export interface Actor {
  kind: "user" | "key";
  id: string;
  roles: readonly string[];
}

export interface RequestFacts {
  status: PromotionStatus;
  requestedById: string;
}

export interface ApprovalFacts {
  userId: string;
  role: string;
}

export interface WaiverFacts {
  gate: string;
}

/** `refused`: this person may not do it; `conflict`: nobody may, in the request's present state. */
export type Refusal = { ok: false; kind: "refused" | "conflict"; reason: string };
export type Verdict<T = object> = ({ ok: true } & T) | Refusal;

const refuse = (kind: Refusal["kind"], reason: string): Refusal => ({ ok: false, kind, reason });

/** The refusals every decision shares, in the order a person would want to hear them. */
function decisionRefusal(request: RequestFacts, actor: Actor, verb: string): Refusal | null {
  if (actor.kind === "key") return refuse("refused", `An API key cannot ${verb} a promotion: a person must`);
  if (request.status !== "pending") return refuse("conflict", `The request is already ${request.status}`);
  if (actor.roles.includes("admin"))
    return refuse("refused", `An admin cannot ${verb} a promotion: the person who runs the system does not also sign off on what it deploys`);
  if (actor.id === request.requestedById) return refuse("refused", `You requested this promotion; someone else must ${verb} it`);
  return null;
}

/** Approvals still needed, by role. */
export function missingApprovals(required: RequiredApprovals, approvals: readonly ApprovalFacts[]): Record<string, number> {
  const missing: Record<string, number> = {};
  for (const [role, count] of Object.entries(required)) {
    const given = approvals.filter((a) => a.role === role).length;
    if ((count ?? 0) > given) missing[role] = (count ?? 0) - given;
  }
  return missing;
}

/**
 * An approval counts for one role the policy still needs and the approver holds; a person holding
 * several roles still gives one approval only.
 */
export function checkApprove(request: RequestFacts, required: RequiredApprovals, approvals: readonly ApprovalFacts[], actor: Actor): Verdict<{ role: string }> {
  const refusal = decisionRefusal(request, actor, "approve");
  if (refusal) return refusal;
  if (approvals.some((a) => a.userId === actor.id)) return refuse("conflict", "You have already approved this request; one person gives one approval");
  const policyRoles = Object.entries(required)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([role]) => role);
  const yours = policyRoles.filter((role) => actor.roles.includes(role));
  if (yours.length === 0) return refuse("refused", `This policy needs approvals from ${policyRoles.join(" and ")}; you hold none of those roles`);
  const missing = missingApprovals(required, approvals);
  const role = yours.find((r) => missing[r] !== undefined);
  if (!role) return refuse("conflict", `The ${yours.join(" and ")} approval${yours.length > 1 ? "s are" : " is"} already given`);
  return { ok: true, role };
}

export function checkReject(request: RequestFacts, approvals: readonly ApprovalFacts[], actor: Actor): Verdict {
  const refusal = decisionRefusal(request, actor, "reject");
  if (refusal) return refusal;
  if (approvals.some((a) => a.userId === actor.id)) return refuse("conflict", "You have approved this request; you cannot also reject it");
  return { ok: true };
}

/** Compliance waives a gate that fails; the permission check (compliance only) happens before. */
export function checkWaive(request: RequestFacts, gates: readonly GateResult[], waivers: readonly WaiverFacts[], actor: Actor, gate: string): Verdict {
  const refusal = decisionRefusal(request, actor, "waive a gate of");
  if (refusal) return refusal;
  const result = gates.find((g) => g.name === gate);
  if (!result) return refuse("conflict", `No gate named ${gate} on this request`);
  if (result.passed) return refuse("conflict", `The ${gate} gate passes; there is nothing to waive`);
  if (waivers.some((w) => w.gate === gate)) return refuse("conflict", `The ${gate} gate is already waived`);
  return { ok: true };
}

export function checkWithdraw(request: RequestFacts, actor: Actor): Verdict {
  if (actor.kind === "key") return refuse("refused", "An API key cannot withdraw a promotion: a person must");
  if (actor.id !== request.requestedById) return refuse("refused", "Only the person who requested this promotion can withdraw it");
  if (request.status !== "pending") return refuse("conflict", `The request is already ${request.status}`);
  return { ok: true };
}

/** Gates that fail and are not waived: each one holds the request back. */
export function outstandingGates(gates: readonly GateResult[], waivers: readonly WaiverFacts[]): string[] {
  return gates.filter((g) => !g.passed && !waivers.some((w) => w.gate === g.name)).map((g) => g.name);
}

/** A request executes the moment its last required approval lands with every gate passed or waived. */
export function readyToExecute(
  required: RequiredApprovals,
  approvals: readonly ApprovalFacts[],
  gates: readonly GateResult[],
  waivers: readonly WaiverFacts[],
): boolean {
  return Object.keys(missingApprovals(required, approvals)).length === 0 && outstandingGates(gates, waivers).length === 0;
}
