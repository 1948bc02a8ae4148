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
async function readLimitedText(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw apiError(413, `Request body is over ${MAX_BODY_BYTES} bytes`);
  if (!req.body) return "";
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
  return Buffer.concat(chunks).toString("utf8");
}

export function isJsonContentType(req: Request): boolean {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json");
}

/** The body of a JSON request as text: 415 when it is not JSON, 413 when too large. */
export async function readJsonText(req: Request): Promise<string> {
  if (!isJsonContentType(req)) throw apiError(415, "Content-Type must be application/json");
  return readLimitedText(req);
}

export function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw apiError(400, "Request body is not valid JSON");
  }
  const found = /\\u(0000|d[89a-f])/i.test(text) ? unstorableText(value) : null;
  if (found) {
    const path = formatPath(found.path) || "(body)";
    if (found.problem === "nul") throw apiError(422, "Text must not contain the NUL character (\\u0000)", [{ path, message: "contains \\u0000" }]);
    throw apiError(422, "Text must be valid Unicode: a lone surrogate (\\ud800–\\udfff without its pair) cannot be stored", [
      { path, message: "contains a lone surrogate" },
    ]);
  }
  return value;
}

interface Visit {
  value: unknown;
  key: PropertyKey | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Visit | null = visit; at?.key != null; at = at.parent) path.push(typeof at.key === "string" ? at.key.toWellFormed() : at.key);
  return path.reverse();
}

function textProblem(text: string): "nul" | "surrogate" | null {
  if (text.includes("\u0000")) return "nul";
  return text.isWellFormed() ? null : "surrogate";
}

/**
 * The first string or key, in document order, that PostgreSQL cannot store as sent: NUL, which
 * text cannot hold, or a lone UTF-16 surrogate, which UTF-8 cannot encode (the database would
 * keep U+FFFD instead). Walks with its own stack, so no nesting depth can overflow the call stack.
 */
function unstorableText(root: unknown): { path: PropertyKey[]; problem: "nul" | "surrogate" } | null {
  const stack: Visit[] = [{ value: root, key: null, parent: null }];
  while (stack.length) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return { path: pathOf(visit), problem };
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    const children: [PropertyKey, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
    // Pushed last to first so that they are visited first to last; a key before its value.
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, child] = children[i];
      stack.push({ value: child, key, parent: visit });
      if (typeof key === "string") stack.push({ value: key, key, parent: visit });
    }
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
