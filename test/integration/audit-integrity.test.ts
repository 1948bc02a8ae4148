import { describe, expect, inject, it } from "vitest";
import { Session, signedIn } from "../support/http";

const servers = inject("servers");

interface Verdict {
  ok: boolean;
  entries: number;
  head_hash: string;
  first_bad_seq: number | null;
  checkpoint?: { seq: number; head_hash: string; holds: boolean; found_hash: string | null };
}

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

describe.each(servers)("an audit chain no input can break, on $engine", ({ baseUrl }) => {
  async function verify(query = ""): Promise<Verdict> {
    const compliance = await signedIn(baseUrl, "compliance@example.com");
    const res = await compliance.get(`/api/v1/audit/verify${query}`);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    return JSON.parse(text) as Verdict;
  }

  it("stores and hashes an uncanonical IPv6 address in the form the database gives back", async () => {
    const visitor = new Session(baseUrl);
    await visitor.signIn("viewer@example.com", "not-the-password", "2001:0DB8:0000::0001");
    const admin = await signedIn(baseUrl, "admin@example.com");
    const res = await admin.get("/api/v1/audit?action=auth.signin&target=viewer@example.com&limit=5");
    const { entries } = (await res.json()) as { entries: { ip: string | null; outcome: string }[] };
    expect(entries.find((e) => e.outcome === "failure")?.ip).toBe("2001:db8::1");
    expect(await verify()).toMatchObject({ ok: true, first_bad_seq: null });
  });

  it("audits a sign-in whose email holds a lone surrogate, form or JSON, and the chain still verifies", async () => {
    const form = new Session(baseUrl);
    const formAnswer = await form.signIn(`\ud800${unique()}@example.com`, "x");
    expect(formAnswer.status).toBeLessThan(500);

    const json = new Session(baseUrl);
    const { csrfToken } = (await (await json.get("/api/auth/csrf")).json()) as { csrfToken: string };
    // Written by hand: JSON.stringify would escape the surrogate the same way, but say so plainly.
    const body = `{"csrfToken":"${csrfToken}","email":"\\udc00${unique()}@example.com","password":"x","json":"true"}`;
    const jsonAnswer = await json.request("POST", "/api/auth/callback/credentials", body);
    expect(jsonAnswer.status).toBeLessThan(500);
    expect(json.hasSessionCookie()).toBe(false);

    expect(await verify()).toMatchObject({ ok: true, first_bad_seq: null });
  });

  it("refuses a lone surrogate in any string or key of a JSON body with 422 naming the field, storing nothing", async () => {
    const lead = await signedIn(baseUrl, "lead@example.com");
    const name = `surrogate-${unique()}`;
    const cases: [string, string][] = [
      [`{"name":"${name}","description":"price \\ud83d alone"}`, "description"],
      [`{"name":"${name}","owner":"\\udfff"}`, "owner"],
      [`{"name":"${name}","description":"x","tags":{"ok":["a","b\\ud800c"]}}`, "tags.ok[1]"],
    ];
    for (const [raw, path] of cases) {
      const res = await lead.request("POST", "/api/v1/models", raw);
      const answer = (await res.json()) as ErrorBody;
      expect(res.status, JSON.stringify(answer)).toBe(422);
      expect(answer.error.details?.[0].path).toBe(path);
      expect(answer.error.message).toMatch(/Unicode/);
    }
    const key = await lead.request("POST", "/api/v1/models", `{"name":"${name}","\\ud800":1}`);
    expect(key.status).toBe(422);
    expect(((await key.json()) as ErrorBody).error.details?.[0].path).toBe("\ufffd");
    // A well-formed pair is text like any other.
    const emoji = await lead.request("POST", "/api/v1/models", `{"name":"${name}","description":"\\ud83d\\ude00"}`);
    expect(emoji.status).toBe(201);
    expect(((await emoji.json()) as { description: string }).description).toBe("😀");

    // Nesting deeper than any recursive walk can go is answered, not a crash.
    const depth = 20_000;
    const deep = `{"name":"${name}-deep","description":${"[".repeat(depth)}"\\ud800"${"]".repeat(depth)}}`;
    const deepAnswer = await lead.request("POST", "/api/v1/models", deep);
    expect(deepAnswer.status).toBe(422);

    expect((await lead.get(`/api/v1/models/${name}-deep`)).status).toBe(404);
    expect(await verify()).toMatchObject({ ok: true, first_bad_seq: null });
  });

  it("proves with ?seq=&head_hash= that a published head still holds, and tells a checkpoint it cannot match", async () => {
    const now = await verify();
    const holds = await verify(`?seq=${now.entries}&head_hash=${now.head_hash}`);
    expect(holds).toMatchObject({ ok: true, checkpoint: { seq: now.entries, head_hash: now.head_hash, holds: true, found_hash: now.head_hash } });

    const wrong = "f".repeat(64);
    const rewritten = await verify(`?seq=${now.entries}&head_hash=${wrong}`);
    expect(rewritten).toMatchObject({ ok: false, first_bad_seq: now.entries, checkpoint: { holds: false, found_hash: now.head_hash } });

    // A checkpoint past the end of the chain: the entries it vouched for are gone.
    const beyond = now.entries + 1000;
    const cut = await verify(`?seq=${beyond}&head_hash=${now.head_hash}`);
    expect(cut.ok).toBe(false);
    expect(cut.checkpoint).toMatchObject({ seq: beyond, holds: false, found_hash: null });
    expect(cut.first_bad_seq).toBeGreaterThan(now.entries);

    const compliance = await signedIn(baseUrl, "compliance@example.com");
    for (const query of ["?seq=3", `?head_hash=${now.head_hash}`, `?seq=0&head_hash=${now.head_hash}`, "?seq=2&head_hash=nothex"]) {
      const res = await compliance.get(`/api/v1/audit/verify${query}`);
      expect(res.status, query).toBe(422);
      expect(((await res.json()) as ErrorBody).error.details?.length).toBeGreaterThan(0);
    }
  });
});
