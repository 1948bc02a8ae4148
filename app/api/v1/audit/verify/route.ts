import { withAuth } from "@/lib/api/with-auth";
import { verifyChain } from "@/lib/audit/queries";

export const GET = withAuth("audit.read", async ({ db }) => {
  const verdict = await verifyChain(db);
  return Response.json({ ok: verdict.ok, entries: verdict.entries, head_hash: verdict.headHash, first_bad_seq: verdict.firstBadSeq });
});
