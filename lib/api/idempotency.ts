import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { idempotencyKeys } from "@/drizzle/schema";
import { actorOf } from "@/lib/auth/principal";
import { queryRows, type Tx } from "@/lib/db";
import { parseJsonText, readJsonText } from "./body";
import { apiError } from "./errors";
import type { HandlerContext } from "./with-auth";

const REPLAY_WINDOW_MS = 24 * 3600_000;
// Transaction-scoped advisory locks of this class, one per (caller, key): shared by every replica.
const IDEMPOTENCY_LOCK_CLASS = 7_461_013;

export interface HandlerAnswer {
  status: number;
  body: unknown;
}

/**
 * Runs a JSON write once per `Idempotency-Key`: the first answer is stored in the same transaction
 * as the write and replayed for 24 hours; the same key with another body gets 422, and a key whose
 * first request is still running gets 409. Without the header the write simply runs. `readText`
 * gives the body as JSON text (a route taking another encoding converts it there).
 *
 * The key is held by a lock of the write's own transaction, not by a row written before it: a
 * server that dies mid-write (kill -9, a lost connection) leaves neither the write nor a claim
 * behind, so the client's retry with the same key runs at once instead of waiting out a claim.
 */
export async function withIdempotency(
  ctx: Pick<HandlerContext<unknown>, "req" | "db" | "principal">,
  run: (json: unknown, tx: Tx) => Promise<HandlerAnswer>,
  readText: (req: Request) => Promise<string> = readJsonText,
): Promise<Response> {
  const { db, req } = ctx;
  const key = req.headers.get("idempotency-key");
  const text = await readText(req);
  const json = parseJsonText(text);
  if (key === null) {
    const answer = await db.transaction((tx) => run(json, tx));
    return Response.json(answer.body, { status: answer.status });
  }
  if (key.length < 1 || key.length > 255)
    throw apiError(400, "Idempotency-Key must be 1 to 255 characters", [{ path: "Idempotency-Key", message: "1 to 255 characters" }]);

  const principal = actorOf(ctx.principal);
  const requestHash = createHash("sha256").update(`${req.method} ${req.nextUrl.pathname}\n`).update(text).digest("hex");
  const mine = and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key));
  const answer = await db.transaction(async (tx) => {
    const [{ free }] = await queryRows<{ free: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${IDEMPOTENCY_LOCK_CLASS}, hashtext(${`${principal}\n${key}`})) as free`,
    );
    if (!free) throw apiError(409, "A request with this Idempotency-Key is still being processed");
    await tx.delete(idempotencyKeys).where(and(mine, lt(idempotencyKeys.createdAt, new Date(Date.now() - REPLAY_WINDOW_MS))));
    const first = await tx.query.idempotencyKeys.findFirst({ where: mine });
    if (first) {
      if (first.requestHash !== requestHash) {
        throw apiError(422, "This Idempotency-Key was used with a different request body", [
          { path: "Idempotency-Key", message: "reused with a different body" },
        ]);
      }
      return { status: first.responseStatus ?? 200, body: first.responseBody, replayed: true };
    }
    const result = await run(json, tx);
    await tx.insert(idempotencyKeys).values({ principal, key, requestHash, status: "done", responseStatus: result.status, responseBody: result.body });
    return { ...result, replayed: false };
  });
  return Response.json(answer.body, { status: answer.status, headers: answer.replayed ? { "Idempotent-Replayed": "true" } : undefined });
}
