import type { z } from "zod";
import { Invalid } from "@/lib/errors";
import { apiError, type ErrorDetail } from "./errors";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** zod issue paths as the contract writes them: `points[3].value`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, "");
}

export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path) || "(body)", message: issue.message }));
}

/** Reads at most MAX_BODY_BYTES, refusing early on a declared or streamed size above it. */
export async function readLimitedBytes(req: Request): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw apiError(413, `Request body is over ${MAX_BODY_BYTES} bytes`);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw apiError(413, `Request body is over ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function isJsonContentType(req: Request): boolean {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json");
}

/** The body of a JSON request as text: 415 when it is not JSON, 413 when too large. */
export async function readJsonText(req: Request): Promise<string> {
  if (!isJsonContentType(req)) throw apiError(415, "Content-Type must be application/json");
  return (await readLimitedBytes(req)).toString("utf8");
}

export function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw apiError(400, "Request body is not valid JSON");
  }
  // PostgreSQL text cannot hold NUL: refuse it here, naming the field, rather than fail at storage.
  if (text.includes("\\u0000")) {
    const path = nulPath(value, []);
    if (path) throw apiError(422, "Text must not contain the NUL character (\\u0000)", [{ path: formatPath(path) || "(body)", message: "contains \\u0000" }]);
  }
  return value;
}

function nulPath(value: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (typeof key === "string" && key.includes("\u0000")) return [...path, key];
    const found = nulPath(child, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** Raw JSON of a request: 415 when it is not JSON, 413 when too large, 400 when malformed. */
export async function readJson(req: Request): Promise<unknown> {
  return parseJsonText(await readJsonText(req));
}

/** Validates a value against a schema: Invalid (422) naming each field at fault. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Invalid(zodDetails(parsed.error), "The request is invalid");
  return parsed.data;
}

export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  return validate(schema, await readJson(req));
}
