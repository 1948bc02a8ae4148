import fs from "node:fs";
import path from "node:path";
import protobuf from "protobufjs";

/**
 * OTLP/HTTP in binary protobuf, the default of most OpenTelemetry SDKs and of the Collector's
 * `otlphttp` exporter. An export is decoded with the published OTLP definitions (vendored in
 * `vendor/opentelemetry-proto`) into the proto3 JSON mapping the JSON encoding uses, so one schema
 * and one conversion serve both encodings.
 */

// Read from the working directory at first use: `next start` runs in the project folder, and the
// standalone server in its own folder, where the build copies the definitions.
const PROTO_DIR = path.join(process.cwd(), "vendor", "opentelemetry-proto");
const PROTO_FILES = ["common.proto", "resource.proto", "metrics.proto", "metrics_service.proto"];
const SERVICE = "opentelemetry.proto.collector.metrics.v1";

interface MetricsServiceMessages {
  request: protobuf.Type;
  response: protobuf.Type;
}

let messages: MetricsServiceMessages | undefined;

function metricsServiceMessages(): MetricsServiceMessages {
  if (messages) return messages;
  const root = new protobuf.Root();
  for (const file of PROTO_FILES) protobuf.parse(fs.readFileSync(path.join(PROTO_DIR, file), "utf8"), root);
  root.resolveAll();
  messages = { request: root.lookupType(`${SERVICE}.ExportMetricsServiceRequest`), response: root.lookupType(`${SERVICE}.ExportMetricsServiceResponse`) };
  return messages;
}

/**
 * An `ExportMetricsServiceRequest` in the proto3 JSON mapping (lowerCamelCase names, 64-bit
 * integers as decimal strings, NaN and the infinities as strings, bytes in base64, enums as
 * numbers, unset fields absent); null when the bytes are not such a message.
 */
export function decodeOtlpMetricsRequest(bytes: Uint8Array): Record<string, unknown> | null {
  const { request } = metricsServiceMessages();
  try {
    return request.toObject(request.decode(bytes), { longs: String, bytes: String, json: true });
  } catch {
    return null;
  }
}

/** An `ExportMetricsServiceResponse` (empty, or with `partialSuccess`) in binary protobuf. */
export function encodeOtlpMetricsResponse(answer: object): Uint8Array {
  const { response } = metricsServiceMessages();
  return response.encode(response.fromObject(answer)).finish();
}
