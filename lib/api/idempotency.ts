import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lt, or } from "drizzle-orm";
import { idempotencyKeys } from "@/drizzle/schema";
import { actorOf } from "@/lib/auth/principal";
import type { Tx } from "@/lib/db";
import { parseJsonText, readJsonText } from "./body";
import { apiError } from "./errors";
import type { HandlerContext } from "./with-auth";

const REPLAY_WINDOW_MS = 24 * 3600_000;
// A claim still "processing" after this long belongs to a request that died mid-way.
const ABANDONED_AFTER_MS = 5 * 60_000;

export interface HandlerAnswer {
  status: number;
  body: unknown;
}

/**
 * Runs a JSON write once per `Idempotency-Key`: the first answer is stored in the same transaction
 * as the write and replayed for 24 hours; the same key with another body gets 422, and a key whose
 * first request is still running gets 409. Without the header the write simply runs. `readText`
 * gives the body as JSON text (a route taking another encoding converts it there).
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
  const now = Date.now();
  const mine = and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key));
  const claim = () => db.insert(idempotencyKeys).values({ principal, key, requestHash, status: "processing" }).onConflictDoNothing().returning();
  // A fresh key is claimed in one statement; only a key already taken is checked for having
  // expired (or been abandoned mid-way), freed, and claimed again.
  let claimed = await claim();
  if (claimed.length === 0) {
    const freed = await db
      .delete(idempotencyKeys)
      .where(
        and(
          mine,
          or(
            lt(idempotencyKeys.createdAt, new Date(now - REPLAY_WINDOW_MS)),
            and(eq(idempotencyKeys.status, "processing"), lt(idempotencyKeys.createdAt, new Date(now - ABANDONED_AFTER_MS))),
          ),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    if (freed.length) claimed = await claim();
  }
  if (claimed.length === 0) {
    const first = await db.query.idempotencyKeys.findFirst({ where: mine });
    if (!first) throw apiError(409, "This Idempotency-Key is being settled; retry in a moment");
    if (first.requestHash !== requestHash) {
      throw apiError(422, "This Idempotency-Key was used with a different request body", [
        { path: "Idempotency-Key", message: "reused with a different body" },
      ]);
    }
    if (first.status === "processing") throw apiError(409, "A request with this Idempotency-Key is still being processed");
    return Response.json(first.responseBody, { status: first.responseStatus ?? 200, headers: { "Idempotent-Replayed": "true" } });
  }
  try {
    const answer = await db.transaction(async (tx) => {
      const result = await run(json, tx);
      await tx.update(idempotencyKeys).set({ status: "done", responseStatus: result.status, responseBody: result.body }).where(mine);
      return result;
    });
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    // A refused request stored nothing: free the key so the client can retry with a corrected body.
    await db.delete(idempotencyKeys).where(mine);
    throw error;
  }
}
