import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession, Session, signedIn } from "../support/http";

const servers = inject("servers");

interface Promotion {
  id: string;
  status: string;
  target_stage: string;
  gates: { name: string; passed: boolean; detail: string; waived: { by: string; reason: string } | null }[];
  required_approvals: Record<string, number>;
  missing_approvals: Record<string, number>;
  approvals: { by: string; role: string }[];
  events?: { kind: string; actor: string }[];
}

interface AuditEntry {
  seq: number;
  action: string;
  actor: string;
  target: string;
  outcome: string;
  detail: Record<string, unknown>;
}

const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const CARD = "# Model card\n\nIntended use, training data, evaluation, limitations.";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

describe.each(servers)("governance on $engine", ({ baseUrl, engine }) => {
  let lead: Session, lead2: Session, compliance: Session, admin: Session, oncall: Session, viewer: Session;
  const key = keySession(baseUrl, DEMO_KEY);

  beforeAll(async () => {
    [lead, lead2, compliance, admin, oncall, viewer] = await Promise.all(
      ["lead", "lead2", "compliance", "admin", "oncall", "viewer"].map((name) => signedIn(baseUrl, `${name}@example.com`)),
    );
  });

  /** A fresh model with the given versions (all with a model card), so tests never share state. */
  async function freshModel(versions: Record<string, Record<string, number>>): Promise<string> {
    const name = `gov-${unique()}`;
    await json(await lead.request("POST", "/api/v1/models", { name }), 201);
    for (const [version, metrics] of Object.entries(versions)) {
      await json(await lead.request("POST", `/api/v1/models/${name}/versions`, { version, metrics, model_card: CARD }), 201);
    }
    return name;
  }

  async function request(model: string, version: string, target_stage: "staging" | "production", who = lead): Promise<Promotion> {
    return json<Promotion>(await who.request("POST", "/api/v1/promotions", { model, version, target_stage, justification: `promote ${version}` }), 201);
  }

  async function approve(id: string, who: Session, status = 200): Promise<Promotion> {
    return json<Promotion>(await who.request("POST", `/api/v1/promotions/${id}/approve`, { comment: "looks right" }), status);
  }

  /** Through the real flow: staging with one ml_lead, then production with ml_lead + compliance. */
  async function toProduction(model: string, version: string) {
    await approve((await request(model, version, "staging")).id, lead2);
    const prod = await request(model, version, "production");
    await approve(prod.id, lead2);
    expect((await approve(prod.id, compliance)).status).toBe("executed");
  }

  async function stages(model: string, asOf?: string) {
    const answer = await json<{ as_of: string; production_version: string | null; staging_version: string | null }>(
      await viewer.get(`/api/v1/models/${model}/stages${asOf ? `?as_of=${encodeURIComponent(asOf)}` : ""}`),
      200,
    );
    return { production_version: answer.production_version, staging_version: answer.staging_version };
  }

  async function auditFor(target: string): Promise<AuditEntry[]> {
    return (await json<{ entries: AuditEntry[] }>(await compliance.get(`/api/v1/audit?target=${encodeURIComponent(target)}&limit=1000`), 200)).entries;
  }

  it("a production promotion needs one ml_lead and one compliance approval from two people, neither the requester", async () => {
    const model = await freshModel({ v1: { auc: 0.9 } });
    const staging = await request(model, "v1", "staging");
    expect(staging).toMatchObject({ status: "pending", required_approvals: { ml_lead: 1 } });
    expect(staging.gates.map((g) => [g.name, g.passed])).toEqual([
      ["model_card", true],
      ["metrics_no_worse", true],
      ["no_drift", true],
      ["pipeline_run", true],
      // No labeled traffic for a fresh model: not applicable, which does not block.
      ["quality_vs_production", true],
    ]);
    expect((await approve(staging.id, lead2)).status).toBe("executed");
    expect(await stages(model)).toMatchObject({ staging_version: "v1", production_version: null });

    const prod = await request(model, "v1", "production");
    expect(prod.required_approvals).toEqual({ ml_lead: 1, compliance: 1 });
    await approve(prod.id, lead, 403);
    const afterCompliance = await approve(prod.id, compliance);
    expect(afterCompliance).toMatchObject({ status: "pending", missing_approvals: { ml_lead: 1 } });
    await approve(prod.id, compliance, 409);
    expect(await stages(model)).toMatchObject({ production_version: null });
    const executed = await approve(prod.id, lead2);
    expect(executed.status).toBe("executed");
    expect(executed.approvals.map((a) => [a.by, a.role])).toEqual([
      ["compliance@example.com", "compliance"],
      ["lead2@example.com", "ml_lead"],
    ]);
    expect(await stages(model)).toEqual(expect.objectContaining({ production_version: "v1", staging_version: null }));

    const detail = await json<Promotion>(await viewer.get(`/api/v1/promotions/${prod.id}`), 200);
    expect(detail.events!.map((e) => e.kind)).toEqual(["requested", "approved", "approved", "executed"]);
    const actions = (await auditFor(model)).map((e) => e.action);
    for (const action of ["promotion.requested", "promotion.approved", "promotion.executed", "model.stage_changed"]) expect(actions).toContain(action);
    const listed = await json<{ promotions: Promotion[] }>(await viewer.get("/api/v1/promotions?status=executed"), 200);
    expect(listed.promotions.map((p) => p.id)).toContain(prod.id);
  });

  it("every forbidden path answers 403 or 409 and changes nothing", async () => {
    const model = await freshModel({ v1: { auc: 0.9 }, v2: { auc: 0.91 } });
    await toProduction(model, "v1");
    await approve((await request(model, "v2", "staging")).id, lead2);
    const open = await request(model, "v2", "production");
    const before = {
      promotion: await (await viewer.get(`/api/v1/promotions/${open.id}`)).json(),
      stages: await stages(model),
      audit: (await auditFor(model)).length,
      reviews: await (await viewer.get("/api/v1/reviews")).json(),
      policies: await (await viewer.get("/api/v1/policies")).json(),
    };
    const attempts: [string, Session, string, string, unknown, number][] = [
      ["requester approves", lead, "POST", `/api/v1/promotions/${open.id}/approve`, {}, 403],
      ["admin approves", admin, "POST", `/api/v1/promotions/${open.id}/approve`, {}, 403],
      ["viewer approves", viewer, "POST", `/api/v1/promotions/${open.id}/approve`, {}, 403],
      ["oncall approves", oncall, "POST", `/api/v1/promotions/${open.id}/approve`, {}, 403],
      ["key approves", key, "POST", `/api/v1/promotions/${open.id}/approve`, {}, 403],
      ["key rejects", key, "POST", `/api/v1/promotions/${open.id}/reject`, { reason: "no" }, 403],
      ["key waives", key, "POST", `/api/v1/promotions/${open.id}/waive`, { gate: "model_card", reason: "no" }, 403],
      ["key rolls back", key, "POST", `/api/v1/models/${model}/rollback`, { to_version: "v1", reason: "no" }, 403],
      ["key requests", key, "POST", "/api/v1/promotions", { model, version: "v2", target_stage: "production", justification: "x" }, 403],
      ["requester rejects their own", lead, "POST", `/api/v1/promotions/${open.id}/reject`, { reason: "no" }, 403],
      ["ml_lead waives", lead2, "POST", `/api/v1/promotions/${open.id}/waive`, { gate: "model_card", reason: "no" }, 403],
      ["compliance waives a passing gate", compliance, "POST", `/api/v1/promotions/${open.id}/waive`, { gate: "model_card", reason: "no" }, 409],
      ["someone else withdraws", lead2, "POST", `/api/v1/promotions/${open.id}/withdraw`, undefined, 403],
      ["compliance requests", compliance, "POST", "/api/v1/promotions", { model, version: "v2", target_stage: "production", justification: "x" }, 403],
      ["a second open request", lead, "POST", "/api/v1/promotions", { model, version: "v2", target_stage: "production", justification: "x" }, 409],
      ["back to staging from production", lead, "POST", "/api/v1/promotions", { model, version: "v1", target_stage: "staging", justification: "x" }, 409],
      ["rollback to a version never in production", oncall, "POST", `/api/v1/models/${model}/rollback`, { to_version: "v2", reason: "x" }, 409],
      ["rollback to the version in production", oncall, "POST", `/api/v1/models/${model}/rollback`, { to_version: "v1", reason: "x" }, 409],
      ["compliance rolls back", compliance, "POST", `/api/v1/models/${model}/rollback`, { to_version: "v1", reason: "x" }, 403],
      ["ml_lead changes a policy", lead, "PUT", "/api/v1/policies/production", { required_approvals: { ml_lead: 1 }, metric_tolerance: 1 }, 403],
      ["compliance changes a policy", compliance, "PUT", "/api/v1/policies/production", { required_approvals: { compliance: 1 }, metric_tolerance: 1 }, 403],
    ];
    const outcomes = [];
    for (const [label, who, method, path, body, status] of attempts) {
      outcomes.push(`${label}: ${(await who.request(method, path, body)).status} (want ${status})`);
      expect(outcomes.at(-1)).toBe(`${label}: ${status} (want ${status})`);
    }
    expect({
      promotion: await (await viewer.get(`/api/v1/promotions/${open.id}`)).json(),
      stages: await stages(model),
      audit: (await auditFor(model)).length,
      reviews: await (await viewer.get("/api/v1/reviews")).json(),
      policies: await (await viewer.get("/api/v1/policies")).json(),
    }).toEqual(before);

    // The refusals themselves are on record, with the reason the rules gave.
    const denied = await auditFor(`promotion:${open.id}`);
    expect(denied.every((e) => e.outcome === "denied" && e.action === "access.denied")).toBe(true);
    expect(denied.map((e) => e.detail.reason)).toContain("You requested this promotion; someone else must approve it");
  });

  it("one rejection ends a request, and a closed request takes no further decision", async () => {
    const model = await freshModel({ v1: { auc: 0.9 } });
    const open = await request(model, "v1", "staging");
    await json(await lead2.request("POST", `/api/v1/promotions/${open.id}/reject`, {}), 422);
    const rejected = await json<Promotion & { decision_reason: string }>(
      await compliance.request("POST", `/api/v1/promotions/${open.id}/reject`, { reason: "metrics unclear" }),
      200,
    );
    expect(rejected).toMatchObject({ status: "rejected", decision_reason: "metrics unclear" });
    await approve(open.id, lead2, 409);
    await json(await lead.request("POST", `/api/v1/promotions/${open.id}/withdraw`), 409);
    expect(await stages(model)).toMatchObject({ staging_version: null });
    expect((await auditFor(model)).find((e) => e.action === "promotion.rejected")?.detail).toMatchObject({ reason: "metrics unclear" });
    // A new request for the same version may be made once the old one is closed; its requester may withdraw it.
    const again = await request(model, "v1", "staging");
    expect((await json<Promotion>(await lead.request("POST", `/api/v1/promotions/${again.id}/withdraw`), 200)).status).toBe("withdrawn");
  });

  it("a failing gate holds a fully approved request until compliance waives it, and the waiver executes it", async () => {
    const model = await freshModel({ v1: { auc: 0.9 }, v2: { auc: 0.5 } });
    await toProduction(model, "v1");
    const open = await request(model, "v2", "staging");
    const metricsGate = open.gates.find((g) => g.name === "metrics_no_worse")!;
    expect(metricsGate.passed).toBe(false);
    expect(metricsGate.detail).toContain("auc");
    expect((await approve(open.id, lead2)).status).toBe("pending");
    expect(await stages(model)).toMatchObject({ staging_version: null });
    const waived = await json<Promotion>(
      await compliance.request("POST", `/api/v1/promotions/${open.id}/waive`, { gate: "metrics_no_worse", reason: "shadow test only" }),
      200,
    );
    expect(waived.status).toBe("executed");
    expect(waived.gates.find((g) => g.name === "metrics_no_worse")!.waived).toMatchObject({ by: "compliance@example.com", reason: "shadow test only" });
    expect(await stages(model)).toMatchObject({ staging_version: "v2", production_version: "v1" });
    expect((await auditFor(model)).map((e) => e.action)).toContain("promotion.waived");
  });

  it("a request keeps the policy version it was made under", async () => {
    const model = await freshModel({ v1: { auc: 0.9 }, v2: { auc: 0.9 } });
    const underOld = await request(model, "v1", "staging");
    const put = (body: unknown) => admin.request("PUT", "/api/v1/policies/staging", body);
    await json(await put({ required_approvals: {}, metric_tolerance: 0.05 }), 422);
    const changed = await json<{ version: number }>(await put({ required_approvals: { ml_lead: 2 }, metric_tolerance: 0.05 }), 200);
    try {
      expect((await approve(underOld.id, lead2)).status).toBe("executed");
      const underNew = await request(model, "v2", "staging");
      expect(underNew.required_approvals).toEqual({ ml_lead: 2 });
      expect((await approve(underNew.id, lead2)).missing_approvals).toEqual({ ml_lead: 1 });
      await json(await lead.request("POST", `/api/v1/promotions/${underNew.id}/withdraw`), 200);
    } finally {
      const restored = await json<{ version: number }>(await put({ required_approvals: { ml_lead: 1 }, metric_tolerance: 0.05 }), 200);
      expect(restored.version).toBe(changed.version + 1);
    }
    expect((await auditFor("policy:staging")).map((e) => e.action)).toContain("policy.changed");
  });

  it("ten concurrent approvals of the same request execute it exactly once", async () => {
    const model = await freshModel({ v1: { auc: 0.9 } });
    const approvers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const email = `approver-${i}-${unique()}@example.com`;
        const created = await json<{ one_time_password: string }>(
          await admin.request("POST", "/api/v1/users", { email, name: `Approver ${i}`, roles: ["ml_lead"] }),
          201,
        );
        // A one-time password opens nothing but the password change: each approver chooses their own first.
        const first = new Session(baseUrl);
        expect((await first.signIn(email, created.one_time_password)).status).toBe(200);
        const password = `approver-password-${i}-${unique()}`;
        await json(await first.request("PUT", "/api/v1/me/password", { current_password: created.one_time_password, new_password: password }), 200);
        const session = new Session(baseUrl);
        expect((await session.signIn(email, password)).status).toBe(200);
        return session;
      }),
    );
    const open = await request(model, "v1", "staging");
    const statuses = await Promise.all(approvers.map(async (s) => (await s.request("POST", `/api/v1/promotions/${open.id}/approve`, {})).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const detail = await json<Promotion & { events: { kind: string }[] }>(await viewer.get(`/api/v1/promotions/${open.id}`), 200);
    expect(detail.status).toBe("executed");
    expect(detail.approvals).toHaveLength(1);
    expect(detail.events.filter((e) => e.kind === "executed")).toHaveLength(1);
    const history = await json<{ stage_history: { version: string; promotion_id: string | null }[] }>(await viewer.get(`/api/v1/models/${model}`), 200);
    expect(history.stage_history.filter((h) => h.promotion_id === open.id)).toHaveLength(1);
    expect((await auditFor(model)).filter((e) => e.action === "promotion.executed")).toHaveLength(1);
  });

  it("a break-glass rollback executes at once and opens a review item that compliance acknowledges", async () => {
    const model = await freshModel({ v1: { auc: 0.9 }, v2: { auc: 0.92 } });
    await toProduction(model, "v1");
    await toProduction(model, "v2");
    const result = await json<{ production_version: string; previous_version: string; review: { id: string } }>(
      await oncall.request("POST", `/api/v1/models/${model}/rollback`, { to_version: "v1", reason: "p95 latency doubled" }),
      200,
    );
    expect(result).toMatchObject({ production_version: "v1", previous_version: "v2" });
    expect(await stages(model)).toMatchObject({ production_version: "v1" });
    const reviews = await json<{
      reviews: { id: string; model: string; from_version: string; to_version: string; reason: string; by: string; acknowledged_by: string | null }[];
    }>(await viewer.get("/api/v1/reviews"), 200);
    expect(reviews.reviews.find((r) => r.id === result.review.id)).toMatchObject({
      model,
      from_version: "v2",
      to_version: "v1",
      reason: "p95 latency doubled",
      by: "oncall@example.com",
      acknowledged_by: null,
    });
    expect((await auditFor(model)).find((e) => e.action === "rollback.executed")?.detail).toMatchObject({ from_version: "v2", to_version: "v1" });
    await json(await lead.request("POST", `/api/v1/reviews/${result.review.id}/ack`, {}), 403);
    const acked = await json<{ acknowledged_by: string }>(
      await compliance.request("POST", `/api/v1/reviews/${result.review.id}/ack`, { comment: "justified" }),
      200,
    );
    expect(acked.acknowledged_by).toBe("compliance@example.com");
    await json(await compliance.request("POST", `/api/v1/reviews/${result.review.id}/ack`, {}), 409);
  });

  it("as_of answers which version held production before and after a promotion", async () => {
    const model = await freshModel({ v1: { auc: 0.9 }, v2: { auc: 0.95 } });
    await toProduction(model, "v1");
    await approve((await request(model, "v2", "staging")).id, lead2);
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const prod = await request(model, "v2", "production");
    await approve(prod.id, lead2);
    await approve(prod.id, compliance);
    await new Promise((r) => setTimeout(r, 20));
    const after = new Date().toISOString();
    expect(await stages(model, before)).toMatchObject({ production_version: "v1", staging_version: "v2" });
    expect(await stages(model, after)).toMatchObject({ production_version: "v2", staging_version: null });
    expect(await stages(model, "2000-01-01T00:00:00Z")).toMatchObject({ production_version: null, staging_version: null });
  });

  it("export streams every entry of the trail, in CSV and NDJSON, with the filters of GET /audit", async () => {
    const head = await json<{ entries: number }>(await compliance.get("/api/v1/audit/verify"), 200);
    const ndjson = await compliance.get("/api/v1/audit/export?format=ndjson");
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get("content-type")).toContain("application/x-ndjson");
    const lines = (await ndjson.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as AuditEntry & { hash: string });
    expect(lines.length).toBeGreaterThanOrEqual(head.entries);
    const seqs = lines.map((l) => l.seq);
    expect(seqs.at(-1)).toBe(1);
    // Newest first, and not one entry missing between the newest and the first.
    expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1] - 1)).toBe(true);

    const csv = await compliance.get("/api/v1/audit/export?format=csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rows = (await csv.text()).trimEnd().split("\r\n");
    expect(rows[0]).toBe("seq,ts,actor,action,target,outcome,ip,detail,prev_hash,hash");
    // Details hold no line breaks (JSON escapes them), so rows are lines.
    expect(rows.length - 1).toBeGreaterThanOrEqual(lines.length);

    const filtered = (await (await compliance.get("/api/v1/audit/export?format=ndjson&action=promotion.")).text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((e) => e.action.startsWith("promotion."))).toBe(true);

    await json(await compliance.get("/api/v1/audit/export?format=xml"), 422);
    await json(await lead.get("/api/v1/audit/export?format=csv"), 403);
  });

  // Tampering needs a superuser connection to the server's database: PostgreSQL only (PGlite is in-process).
  if (engine === "postgres")
    it("verify names an entry tampered with through a superuser connection, and holds again once it is put back", async () => {
      const server = servers.find((s) => s.engine === "postgres")!;
      const intact = await json<{ ok: boolean; first_bad_seq: number | null }>(await compliance.get("/api/v1/audit/verify"), 200);
      expect(intact).toMatchObject({ ok: true, first_bad_seq: null });
      const [victim] = (await json<{ entries: AuditEntry[] }>(await compliance.get("/api/v1/audit?action=promotion.approved&limit=1"), 200)).entries;
      const client = new pg.Client({ connectionString: server.databaseUrl });
      await client.connect();
      const rewrite = async (actor: string) => {
        await client.query("alter table audit_log disable trigger user");
        await client.query("update audit_log set actor = $1 where seq = $2", [actor, victim.seq]);
        await client.query("alter table audit_log enable trigger user");
      };
      try {
        await rewrite("mallory@example.com");
        const tampered = await json<{ ok: boolean; first_bad_seq: number }>(await compliance.get("/api/v1/audit/verify"), 200);
        expect(tampered).toMatchObject({ ok: false, first_bad_seq: victim.seq });
      } finally {
        // Put it back so that suites running after this one find an intact chain.
        await rewrite(victim.actor);
        await client.end();
      }
      expect(await json(await compliance.get("/api/v1/audit/verify"), 200)).toMatchObject({ ok: true });
    });
});
