import "server-only";
import { decodeOtlpMetricsRequest, encodeOtlpMetricsResponse } from "@/lib/ingest/otlp/protobuf";
import { isJsonContentType, readJsonText, readLimitedBytes } from "./body";
import { apiError } from "./errors";

const PROTOBUF = "application/x-protobuf";

function isProtobuf(req: Request): boolean {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase() === PROTOBUF;
}

/**
 * The body of an OTLP/HTTP metrics export as JSON text, whichever encoding it came in: binary
 * protobuf is decoded into the JSON mapping, so validation, conversion and Idempotency-Key
 * replays are the JSON path's. 400 for bytes that are not an export, 415 for other media types.
 */
export async function readOtlpMetricsText(req: Request): Promise<string> {
  if (isJsonContentType(req)) return readJsonText(req);
  if (!isProtobuf(req)) throw apiError(415, `Content-Type must be application/json or ${PROTOBUF}`);
  const decoded = decodeOtlpMetricsRequest(await readLimitedBytes(req));
  if (decoded === null) throw apiError(400, "Request body is not a valid OTLP protobuf ExportMetricsServiceRequest");
  return JSON.stringify(decoded);
}

/** An OTLP receiver answers a protobuf export in protobuf; errors keep the API's JSON error shape. */
export async function inOtlpEncoding(req: Request, response: Response): Promise<Response> {
  if (!isProtobuf(req) || !response.ok) return response;
  const headers = new Headers(response.headers);
  headers.set("content-type", PROTOBUF);
  headers.delete("content-length");
  return new Response(Buffer.from(encodeOtlpMetricsResponse(await response.json())), { status: response.status, headers });
}
