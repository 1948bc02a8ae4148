import { createHash } from "node:crypto";

/** The hash a chain starts from: the first entry's prev_hash. */
export const GENESIS_HASH = "0".repeat(64);

export type AuditOutcome = "success" | "failure" | "denied";

export interface AuditEntryContent {
  seq: number;
  ts: string;
  actor: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
  ip: string | null;
}

/**
 * Canonical JSON: keys sorted at every depth, no insignificant white space, so that the same
 * entry hashes the same whether it comes from JavaScript, PostgreSQL's jsonb, or an auditor's script.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("canonical JSON has no form for non-finite numbers");
    if (value === undefined) return "null";
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * Text as PostgreSQL stores it: a lone surrogate cannot be encoded in UTF-8 and NUL cannot be held
 * at all, so both become U+FFFD, which is what the driver's UTF-8 encoding makes of the former.
 * An entry hashed in any other form than the stored one would never verify again.
 */
export function storableText(value: string): string {
  return value.toWellFormed().replaceAll("\u0000", "\ufffd");
}

/** An entry's detail as JSON text a jsonb column accepts: strings and keys storable, dates as ISO strings. */
export function storableDetailJson(detail: Record<string, unknown>): string {
  return JSON.stringify(detail, (_key, value: unknown) => {
    if (typeof value === "string") return storableText(value);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    const entries = Object.entries(value);
    if (entries.every(([key]) => storableText(key) === key)) return value;
    return Object.fromEntries(entries.map(([key, child]) => [storableText(key), child]));
  });
}

/** hash = sha256(prev_hash ‖ canonical JSON of the entry), hex. */
export function entryHash(prevHash: string, entry: AuditEntryContent): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(entry)).digest("hex");
}

export interface ChainedEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

/** A published head of the chain, `{seq, head_hash}`, kept by someone outside. */
export interface CheckpointClaim {
  seq: number;
  headHash: string;
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  headHash: string;
  firstBadSeq: number | null;
  /** With a checkpoint: whether the entry `seq` still has that hash, and the hash it has (null: gone). */
  checkpoint?: { seq: number; headHash: string; holds: boolean; foundHash: string | null };
}

/**
 * Walks entries in seq order and names the first one whose link or hash does not hold.
 * Takes an iterable so that a caller can stream a chain of any length through it. A chain cut at
 * its tail still links up; a `checkpoint` kept from earlier exposes that: its entry must still be
 * there with the same hash.
 */
export function createChainVerifier(checkpoint?: CheckpointClaim) {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let firstBadSeq: number | null = null;
  let foundHash: string | null = null;
  return {
    add(entry: ChainedEntry) {
      count++;
      if (firstBadSeq === null) {
        const broken = entry.seq !== expectedSeq || entry.prevHash !== expectedPrev || entryHash(entry.prevHash, contentOf(entry)) !== entry.hash;
        if (broken) firstBadSeq = entry.seq;
      }
      if (entry.seq === checkpoint?.seq) foundHash = entry.hash;
      expectedPrev = entry.hash;
      expectedSeq = entry.seq + 1;
    },
    verdict(): ChainVerdict {
      const verdict = { ok: firstBadSeq === null, entries: count, headHash: expectedPrev, firstBadSeq };
      if (!checkpoint) return verdict;
      const holds = foundHash === checkpoint.headHash;
      // Cut: the first missing entry is where the chain falls short. Rewritten: the checkpoint's own entry.
      const checkpointBadSeq = holds ? null : foundHash === null ? expectedSeq : checkpoint.seq;
      return {
        ok: verdict.ok && holds,
        entries: count,
        headHash: expectedPrev,
        firstBadSeq: firstBadSeq ?? checkpointBadSeq,
        checkpoint: { seq: checkpoint.seq, headHash: checkpoint.headHash, holds, foundHash },
      };
    },
  };
}

export function contentOf(entry: ChainedEntry): AuditEntryContent {
  const { seq, ts, actor, action, target, outcome, detail, ip } = entry;
  return { seq, ts, actor, action, target, outcome, detail, ip };
}
