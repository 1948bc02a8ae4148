import { defineRoute } from "@/lib/api/route";
import { verifyChain } from "@/lib/audit/queries";
import { auditVerdictSchema, auditVerifyQuerySchema } from "@/lib/audit/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/audit/verify",
  tag: "Audit",
  summary: "Recompute the hash chain and name the first bad entry; with seq and head_hash, prove a published checkpoint still holds",
  permission: "audit.read",
  query: auditVerifyQuerySchema,
  response: auditVerdictSchema,
  handler: async ({ db, query }) => {
    const verdict = await verifyChain(db, query.seq === undefined ? undefined : { seq: query.seq, headHash: query.head_hash! });
    const { checkpoint } = verdict;
    return {
      ok: verdict.ok,
      entries: verdict.entries,
      head_hash: verdict.headHash,
      first_bad_seq: verdict.firstBadSeq,
      ...(checkpoint && { checkpoint: { seq: checkpoint.seq, head_hash: checkpoint.headHash, holds: checkpoint.holds, found_hash: checkpoint.foundHash } }),
    };
  },
});
