import { describe, expect, it } from "vitest";
import { approveEffect, pendingSummary, viewerActions, waitsForViewer } from "./viewer";
import type { PromotionView } from "./views";

const request: PromotionView = {
  id: "p1",
  model: "fraud-detector",
  version: "v4",
  target_stage: "production",
  status: "pending",
  justification: "better",
  requested_by: "lead@example.com",
  created_at: "2026-11-25T12:00:00.000Z",
  decided_at: null,
  decided_by: null,
  decision_reason: null,
  policy: { id: "pol", version: 1, metric_tolerance: 0.01, require_producing_run: false, require_drift_data: false, require_labeled_traffic: false },
  required_approvals: { ml_lead: 1, compliance: 1 },
  missing_approvals: { compliance: 1 },
  gates: [
    { name: "model_card", passed: true, status: "passed", detail: "present", production: null, waived: null },
    { name: "no_drift", passed: false, status: "failed", detail: "drifting: amount", production: null, waived: null },
  ],
  drift_evidence: { reference_sample_id: null, settings: {} },
  quality_evidence: null,
  approvals: [{ by: "lead2@example.com", role: "ml_lead", comment: null, at: "2026-11-25T12:05:00.000Z" }],
};

describe("what the request page offers each viewer", () => {
  it("offers the requester only withdraw, and says plainly why approve is absent", () => {
    const actions = viewerActions(request, { email: "lead@example.com", roles: ["ml_lead"] });
    expect(actions.approve).toEqual({ ok: false, reason: "You requested this promotion; someone else must approve it" });
    expect(actions.withdraw.ok).toBe(true);
    expect(waitsForViewer(request, { email: "lead@example.com", roles: ["ml_lead"] })).toBe(false);
  });

  it("offers compliance approve, reject and a waiver of the failing gate", () => {
    const viewer = { email: "compliance@example.com", roles: ["compliance"] };
    const actions = viewerActions(request, viewer);
    expect([actions.approve.ok, actions.reject.ok, actions.withdraw.ok]).toEqual([true, true, false]);
    expect(actions.waive).toEqual([{ gate: "no_drift", availability: { ok: true } }]);
    expect(waitsForViewer(request, viewer)).toBe(true);
  });

  it("tells the ml_lead who already approved that it is done", () => {
    const actions = viewerActions(request, { email: "lead2@example.com", roles: ["ml_lead"] });
    expect(actions.approve).toMatchObject({ ok: false, reason: expect.stringContaining("already approved") });
    expect(actions.waive[0].availability).toEqual({ ok: false, reason: "Waiving a gate needs the compliance role" });
  });

  it("tells a viewer which role deciding needs, and an admin why admins never approve", () => {
    expect(viewerActions(request, { email: "viewer@example.com", roles: ["viewer"] }).approve).toEqual({
      ok: false,
      reason: "Approving and rejecting need the ml_lead or compliance role",
    });
    expect(viewerActions(request, { email: "admin@example.com", roles: ["admin"] }).approve).toMatchObject({
      ok: false,
      reason: expect.stringContaining("An admin cannot approve"),
    });
  });

  it("waits for nobody once decided", () => {
    expect(waitsForViewer({ ...request, status: "executed" }, { email: "compliance@example.com", roles: ["compliance"] })).toBe(false);
  });
});

describe("what an approval will do, said before the click", () => {
  const compliance = { email: "compliance@example.com", roles: ["compliance"] };
  it("while a gate fails: records the approval; executes only when the gate is waived or passes", () => {
    expect(approveEffect(request, compliance)).toBe(
      "Records your approval; the promotion executes only when the failing gate (No drifting features in the last 24 h) is waived or passes.",
    );
  });
  it("with every gate passed or waived and approvals still missing after this one: says which", () => {
    const waived = {
      ...request,
      missing_approvals: { ml_lead: 1, compliance: 1 },
      approvals: [],
      gates: request.gates.map((g) => ({ ...g, passed: true, status: "waived" as const, waived: { by: "c@x", reason: "ok", at: request.created_at } })),
    };
    expect(approveEffect(waived, compliance)).toBe("Records your approval; still needed after yours: 1 ml_lead.");
  });
  it("as the last approval with nothing failing: executes at once", () => {
    const clear = { ...request, gates: request.gates.map((g) => ({ ...g, passed: true, status: "passed" as const })) };
    expect(approveEffect(clear, compliance)).toBe("Executes the promotion at once: v4 moves to production.");
  });
  it("says nothing to a viewer who cannot approve", () => {
    expect(approveEffect(request, { email: "viewer@example.com", roles: ["viewer"] })).toBeNull();
  });
});

describe("an open request in one line, for the model and version pages", () => {
  it("names the move, the approvals still needed and the failing gates", () => {
    expect(pendingSummary(request)).toBe("v4 → production pending · needs 1 compliance · drift gate failing");
  });
  it("says when nothing is left but the gates, or nothing at all", () => {
    expect(pendingSummary({ ...request, missing_approvals: {} })).toBe("v4 → production pending · approvals complete · drift gate failing");
    expect(pendingSummary({ ...request, gates: [] })).toBe("v4 → production pending · needs 1 compliance");
  });
});
