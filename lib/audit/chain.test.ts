import { describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  canonicalJson,
  contentOf,
  createChainVerifier,
  entryHash,
  storableDetailJson,
  storableText,
  type AuditEntryContent,
  type ChainedEntry,
} from "./chain";

function chain(n: number): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content: AuditEntryContent = {
      seq,
      ts: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      actor: `user${seq}@example.com`,
      action: "auth.signin",
      target: `user${seq}@example.com`,
      outcome: "success",
      detail: { n: seq, nested: { b: 1, a: [1, "x"] } },
      ip: "127.0.0.1",
    };
    const hash = entryHash(prev, content);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function verify(entries: ChainedEntry[], checkpoint?: { seq: number; headHash: string }) {
  const v = createChainVerifier(checkpoint);
  entries.forEach((e) => v.add(e));
  return v.verdict();
}

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops white space", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it("is the same whatever the key order of the input", () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: null })).toBe(canonicalJson({ z: null, y: [1, 2], x: 1 }));
  });
  it("escapes strings as JSON does and keeps unicode", () => {
    expect(canonicalJson({ s: 'a"b\\c\n', u: "é✓" })).toBe('{"s":"a\\"b\\\\c\\n","u":"é✓"}');
  });
  it("refuses non-finite numbers instead of hashing a lie", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ x: Infinity })).toThrow(/non-finite/);
  });
});

describe("storable text", () => {
  it("replaces lone surrogates and NUL with U+FFFD and keeps well-formed text, pairs included", () => {
    expect(storableText("a\ud800b\udfffc")).toBe("a\ufffdb\ufffdc");
    expect(storableText("n\u0000l")).toBe("n\ufffdl");
    expect(storableText("é😀✓")).toBe("é😀✓");
  });
  it("is what UTF-8 encoding makes of a lone surrogate", () => {
    expect(storableText("\ud83d")).toBe(Buffer.from("\ud83d", "utf8").toString("utf8"));
  });
  it("makes every string and key of a detail storable, and dates ISO strings", () => {
    const json = storableDetailJson({ "\udc00k": { v: ["x\ud800", 1], at: new Date("2026-01-01T00:00:00Z") }, n: "\u0000" });
    expect(JSON.parse(json)).toEqual({ "\ufffdk": { v: ["x\ufffd", 1], at: "2026-01-01T00:00:00.000Z" }, n: "\ufffd" });
    expect(json).not.toMatch(/\\u(d[89a-f]|0000)/i);
  });
});

describe("hash chain", () => {
  it("hashes prev_hash followed by the canonical entry with sha256", async () => {
    const { createHash } = await import("node:crypto");
    const [first] = chain(1);
    const expected = createHash("sha256")
      .update(GENESIS_HASH + canonicalJson({ ...first, prevHash: undefined, hash: undefined }))
      .digest("hex");
    expect(first.hash).toBe(expected);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("verifies an intact chain and reports its head", () => {
    const entries = chain(5);
    expect(verify(entries)).toEqual({ ok: true, entries: 5, headHash: entries[4].hash, firstBadSeq: null });
  });

  it("names the first entry whose content was changed", () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], actor: "mallory@example.com" };
    expect(verify(entries)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it("names an entry whose detail was changed", () => {
    const entries = chain(4);
    entries[1] = { ...entries[1], detail: { n: 99 } };
    expect(verify(entries).firstBadSeq).toBe(2);
  });

  it("detects a removed entry and a re-linked forgery", () => {
    const entries = chain(5);
    expect(verify([...entries.slice(0, 2), ...entries.slice(3)]).firstBadSeq).toBe(4);
    const forged = { ...entries[3], detail: { forged: true } };
    forged.hash = entryHash(forged.prevHash, contentOf(forged));
    // The forged entry hashes correctly by itself, but its successor no longer links to it.
    const verdict = verify([...entries.slice(0, 3), forged, entries[4]]);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBadSeq).toBe(5);
  });

  it("detects a chain that does not start at the genesis hash", () => {
    const entries = chain(3);
    expect(verify(entries.slice(1)).firstBadSeq).toBe(2);
  });
});

describe("checkpoints", () => {
  const entries = chain(6);
  const kept = { seq: 4, headHash: entries[3].hash };

  it("holds while the checkpoint's entry still has its hash", () => {
    expect(verify(entries, kept)).toEqual({
      ok: true,
      entries: 6,
      headHash: entries[5].hash,
      firstBadSeq: null,
      checkpoint: { seq: 4, headHash: kept.headHash, holds: true, foundHash: kept.headHash },
    });
  });

  it("exposes a tail cut below the checkpoint, which by itself still verifies", () => {
    const cut = entries.slice(0, 2);
    expect(verify(cut).ok).toBe(true);
    expect(verify(cut, kept)).toMatchObject({ ok: false, firstBadSeq: 3, checkpoint: { holds: false, foundHash: null } });
  });

  it("exposes a tail rewritten from before the checkpoint, which by itself still verifies", () => {
    // A rewritten tail: same first two entries, then entries chained anew from a changed third.
    const head = entries.slice(0, 2);
    let prev = head[1].hash;
    const tail = entries.slice(2).map((e) => {
      const content = { ...contentOf(e), actor: "mallory@example.com" };
      const hash = entryHash(prev, content);
      const forged = { ...content, prevHash: prev, hash };
      prev = hash;
      return forged;
    });
    expect(verify([...head, ...tail]).ok).toBe(true);
    expect(verify([...head, ...tail], kept)).toMatchObject({ ok: false, firstBadSeq: 4, checkpoint: { holds: false, foundHash: tail[1].hash } });
  });

  it("keeps an earlier break as the first bad entry", () => {
    const broken = entries.map((e, i) => (i === 1 ? { ...e, actor: "mallory@example.com" } : e));
    expect(verify(broken, { seq: 99, headHash: kept.headHash })).toMatchObject({ ok: false, firstBadSeq: 2 });
  });
});
