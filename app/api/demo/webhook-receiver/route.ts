import { createHmac, timingSafeEqual } from "node:crypto";
import { DEMO_WEBHOOK_SECRET } from "@/lib/incidents/demo";
import { log } from "@/lib/log";

/**
 * The demo's webhook receiver, inside the demo process so that deliveries show without any
 * outside service: it checks each signature as a real receiver must. Absent outside demo mode.
 */
export async function POST(req: Request): Promise<Response> {
  if (process.env.PLUMBLINE_DEMO !== "1") return new Response(null, { status: 404 });
  const body = await req.text();
  const timestamp = req.headers.get("x-plumbline-timestamp") ?? "";
  const signature = Buffer.from(req.headers.get("x-plumbline-signature") ?? "");
  const expected = Buffer.from(`sha256=${createHmac("sha256", DEMO_WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest("hex")}`);
  const valid = signature.length === expected.length && timingSafeEqual(signature, expected);
  log.info("demo webhook receiver", { valid, event: (JSON.parse(body || "{}") as { event?: string }).event });
  return new Response(null, { status: valid ? 204 : 401 });
}
