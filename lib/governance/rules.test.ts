import { describe, expect, it } from "vitest";
import type { GateResult, RequiredApprovals } from "@/drizzle/schema/governance";
import {
  checkApprove,
  checkReject,
  checkWaive,
  checkWithdraw,
  missingApprovals,
  outstandingGates,
  readyToExecute,
  type Actor,
  type ApprovalFacts,
  type RequestFacts,
} from "./rules";

const PRODUCTION: RequiredApprovals = { ml_lead: 1, compliance: 1 };
const STAGING: RequiredApprovals = { ml_lead: 1 };

const person = (id: string, ...roles: string[]): Actor => ({ kind: "user", id, roles });
const requester = person("lead", "ml_lead");
const lead2 = person("lead2", "ml_lead");
const lead3 = person("lead3", "ml_lead");
const compliance = person("comp", "compliance");
const compliance2 = person("comp2", "compliance");
const both = person("both", "ml_lead", "compliance");
const admin = person("admin", "admin");
const adminLead = person("admin-lead", "admin", "ml_lead");
const oncall = person("oncall", "oncall");
const key: Actor = { kind: "key", id: "key1", roles: [] };

const pending: RequestFacts = { status: "pending", requestedById: requester.id };

describe("checkApprove", () => {
  const cases: { name: string; request?: RequestFacts; policy?: RequiredApprovals; approvals?: ApprovalFacts[]; actor: Actor; expected: string }[] = [
    { name: "a second ml_lead approves a production request", actor: lead2, expected: "ok:ml_lead" },
    { name: "compliance approves a production request", actor: compliance, expected: "ok:compliance" },
    { name: "the requester never approves", actor: requester, expected: "refused" },
    { name: "an admin cannot approve", actor: admin, expected: "refused" },
    { name: "an admin cannot approve even holding ml_lead too", actor: adminLead, expected: "refused" },
    { name: "an API key cannot approve", actor: key, expected: "refused" },
    { name: "a role the policy does not ask for cannot approve", actor: oncall, expected: "refused" },
    { name: "compliance cannot approve where the policy asks only for ml_lead", policy: STAGING, actor: compliance, expected: "refused" },
    { name: "the same person cannot approve twice", approvals: [{ userId: lead2.id, role: "ml_lead" }], actor: lead2, expected: "conflict" },
    {
      name: "a person holding both roles gives one approval only",
      approvals: [{ userId: both.id, role: "ml_lead" }],
      actor: both,
      expected: "conflict",
    },
    {
      name: "a person holding both roles counts for the role still missing",
      approvals: [{ userId: lead2.id, role: "ml_lead" }],
      actor: both,
      expected: "ok:compliance",
    },
    { name: "a second ml_lead has nothing left to approve", approvals: [{ userId: lead2.id, role: "ml_lead" }], actor: lead3, expected: "conflict" },
    {
      name: "a second compliance has nothing left to approve",
      approvals: [{ userId: compliance.id, role: "compliance" }],
      actor: compliance2,
      expected: "conflict",
    },
    { name: "a rejected request takes no approval", request: { ...pending, status: "rejected" }, actor: lead2, expected: "conflict" },
    { name: "an executed request takes no approval", request: { ...pending, status: "executed" }, actor: compliance, expected: "conflict" },
    { name: "a withdrawn request takes no approval", request: { ...pending, status: "withdrawn" }, actor: compliance, expected: "conflict" },
    {
      name: "the bound policy decides: two ml_leads wanted, the second one counts",
      policy: { ml_lead: 2 },
      approvals: [{ userId: lead2.id, role: "ml_lead" }],
      actor: lead3,
      expected: "ok:ml_lead",
    },
  ];
  it.each(cases)("$name", ({ request = pending, policy = PRODUCTION, approvals = [], actor, expected }) => {
    const verdict = checkApprove(request, policy, approvals, actor);
    expect(verdict.ok ? `ok:${verdict.role}` : verdict.kind).toBe(expected);
  });

  it("tells the requester plainly why", () => {
    expect(checkApprove(pending, PRODUCTION, [], requester)).toMatchObject({ reason: "You requested this promotion; someone else must approve it" });
  });
});

describe("checkReject", () => {
  const cases: { name: string; request?: RequestFacts; approvals?: ApprovalFacts[]; actor: Actor; expected: string }[] = [
    { name: "compliance rejects", actor: compliance, expected: "ok" },
    { name: "another ml_lead rejects", actor: lead2, expected: "ok" },
    { name: "the requester does not reject their own (they withdraw)", actor: requester, expected: "refused" },
    { name: "an admin cannot reject", actor: admin, expected: "refused" },
    { name: "an API key cannot reject", actor: key, expected: "refused" },
    { name: "one who approved cannot also reject", approvals: [{ userId: lead2.id, role: "ml_lead" }], actor: lead2, expected: "conflict" },
    { name: "a rejection ends the request: no second rejection", request: { ...pending, status: "rejected" }, actor: compliance, expected: "conflict" },
  ];
  it.each(cases)("$name", ({ request = pending, approvals = [], actor, expected }) => {
    const verdict = checkReject(request, approvals, actor);
    expect(verdict.ok ? "ok" : verdict.kind).toBe(expected);
  });
});

describe("checkWaive", () => {
  const gates: GateResult[] = [
    { name: "model_card", passed: false, status: "failed", detail: "no card" },
    { name: "no_drift", passed: true, status: "passed", detail: "fine" },
  ];
  const cases: { name: string; request?: RequestFacts; gate: string; waived?: string[]; actor: Actor; expected: string }[] = [
    { name: "compliance waives a failing gate", gate: "model_card", actor: compliance, expected: "ok" },
    { name: "a passing gate has nothing to waive", gate: "no_drift", actor: compliance, expected: "conflict" },
    { name: "an unknown gate", gate: "vibes", actor: compliance, expected: "conflict" },
    { name: "a gate waived once is not waived again", gate: "model_card", waived: ["model_card"], actor: compliance, expected: "conflict" },
    {
      name: "the requester cannot waive their own request's gate",
      gate: "model_card",
      actor: { ...requester, roles: ["ml_lead", "compliance"] },
      expected: "refused",
    },
    { name: "an API key cannot waive", gate: "model_card", actor: key, expected: "refused" },
    { name: "a closed request takes no waiver", request: { ...pending, status: "executed" }, gate: "model_card", actor: compliance, expected: "conflict" },
  ];
  it.each(cases)("$name", ({ request = pending, gate, waived = [], actor, expected }) => {
    const verdict = checkWaive(
      request,
      gates,
      waived.map((g) => ({ gate: g })),
      actor,
      gate,
    );
    expect(verdict.ok ? "ok" : verdict.kind).toBe(expected);
  });
});

describe("checkWithdraw", () => {
  const cases: { name: string; request?: RequestFacts; actor: Actor; expected: string }[] = [
    { name: "the requester withdraws an open request", actor: requester, expected: "ok" },
    { name: "someone else cannot withdraw it", actor: lead2, expected: "refused" },
    { name: "an API key cannot withdraw", actor: key, expected: "refused" },
    { name: "a decided request cannot be withdrawn", request: { ...pending, status: "rejected" }, actor: requester, expected: "conflict" },
  ];
  it.each(cases)("$name", ({ request = pending, actor, expected }) => {
    const verdict = checkWithdraw(request, actor);
    expect(verdict.ok ? "ok" : verdict.kind).toBe(expected);
  });
});

describe("execution", () => {
  const pass: GateResult = { name: "model_card", passed: true, status: "passed", detail: "" };
  const fail: GateResult = { name: "no_drift", passed: false, status: "failed", detail: "drifting: amount" };
  const lead = { userId: lead2.id, role: "ml_lead" };
  const comp = { userId: compliance.id, role: "compliance" };
  const cases: { name: string; policy: RequiredApprovals; approvals: ApprovalFacts[]; gates: GateResult[]; waived?: string[]; expected: boolean }[] = [
    { name: "production with ml_lead and compliance and every gate passing", policy: PRODUCTION, approvals: [lead, comp], gates: [pass], expected: true },
    { name: "production with the ml_lead approval only", policy: PRODUCTION, approvals: [lead], gates: [pass], expected: false },
    { name: "production with the compliance approval only", policy: PRODUCTION, approvals: [comp], gates: [pass], expected: false },
    { name: "staging with one ml_lead", policy: STAGING, approvals: [lead], gates: [pass], expected: true },
    { name: "a failing gate holds back a fully approved request", policy: STAGING, approvals: [lead], gates: [pass, fail], expected: false },
    { name: "a waived gate no longer holds it back", policy: STAGING, approvals: [lead], gates: [pass, fail], waived: ["no_drift"], expected: true },
    { name: "a waiver alone does not replace approvals", policy: PRODUCTION, approvals: [lead], gates: [fail], waived: ["no_drift"], expected: false },
    { name: "a policy asking for two ml_leads waits for the second", policy: { ml_lead: 2 }, approvals: [lead], gates: [pass], expected: false },
  ];
  it.each(cases)("$name → $expected", ({ policy, approvals, gates, waived = [], expected }) => {
    expect(
      readyToExecute(
        policy,
        approvals,
        gates,
        waived.map((gate) => ({ gate })),
      ),
    ).toBe(expected);
  });

  it("counts what is missing by role", () => {
    expect(missingApprovals(PRODUCTION, [lead])).toEqual({ compliance: 1 });
    expect(missingApprovals({ ml_lead: 2, compliance: 0 }, [])).toEqual({ ml_lead: 2 });
  });

  it("lists the failing gates that are not waived", () => {
    expect(outstandingGates([pass, fail], [])).toEqual(["no_drift"]);
    expect(outstandingGates([pass, fail], [{ gate: "no_drift" }])).toEqual([]);
  });
});
