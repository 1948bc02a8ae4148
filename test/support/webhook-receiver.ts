import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";

export interface Received {
  at: number;
  event: string;
  body: { event: string; at: string; data: Record<string, unknown> };
  /** The signature checked as a receiver must: HMAC-SHA256 of "<timestamp>.<raw body>" with the shared secret. */
  verified: boolean;
  answered: number;
}

/**
 * A webhook receiver as a real integration would write one: it verifies every signature, and
 * answers with whatever `answer` says for each request (500 to make the sender retry).
 */
export async function startReceiver(port: number, secret: string, answer: (request: { event: string; nth: number }) => number = () => 200) {
  const received: Received[] = [];
  const seen = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const timestamp = String(req.headers["x-plumbline-timestamp"] ?? "");
      const signature = String(req.headers["x-plumbline-signature"] ?? "");
      const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${raw}`).digest("hex")}`;
      const verified = signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
      const body = JSON.parse(raw) as Received["body"];
      const key = `${body.event} ${JSON.stringify(body.data)}`;
      const nth = (seen.get(key) ?? 0) + 1;
      seen.set(key, nth);
      const status = answer({ event: body.event, nth });
      received.push({ at: Date.now(), event: body.event, body, verified, answered: status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
