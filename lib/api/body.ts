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

/** Reads at most `maxBytes` (MAX_BODY_BYTES by default), refusing early on a declared or streamed size above it. */
export async function readLimitedBytes(req: Request, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw apiError(413, `Request body is over ${maxBytes} bytes`);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw apiError(413, `Request body is over ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readLimitedText(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return (await readLimitedBytes(req, maxBytes)).toString("utf8");
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

/** No request we accept nests deeper; recursive readers (schemas, hashing) stay far from the stack's end. */
export const MAX_JSON_DEPTH = 64;

export function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw apiError(400, "Request body is not valid JSON");
  }
  // PostgreSQL text holds neither NUL nor a lone surrogate (it would keep U+FFFD instead, and the
  // audit chain would hash something else than it stores): refuse them here, naming the field.
  if (/\\u(0000|d[89a-f])/i.test(text) || nestingDepth(text) > MAX_JSON_DEPTH) {
    const fault = firstFault(value);
    if (fault) throw apiError(422, fault.message, [{ path: formatPath(fault.path) || "(body)", message: fault.detail }]);
  }
  return value;
}

/** How deeply the JSON text nests arrays and objects, read off its brackets outside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

type Fault = { path: PropertyKey[]; message: string; detail: string };

function textFault(text: string): Omit<Fault, "path"> | null {
  if (text.includes("\u0000")) return { message: "Text must not contain the NUL character (\\u0000)", detail: "contains the NUL character (\\u0000)" };
  if (!text.isWellFormed())
    return { message: "Text must be valid Unicode: a lone surrogate (\\ud800–\\udfff without its pair) cannot be stored", detail: "contains a lone surrogate" };
  return null;
}

/**
 * The first value, in document order, that the API refuses: a string or key holding NUL or a lone
 * surrogate, or a value nested deeper than MAX_JSON_DEPTH. Iterative, each path kept as a link to
 * its parent, so a body nested thousands of levels deep never touches the call stack.
 */
function firstFault(root: unknown): Fault | null {
  type Trail = { key: PropertyKey; parent: Trail; depth: number } | null;
  const pathOf = (trail: Trail): PropertyKey[] => {
    const path: PropertyKey[] = [];
    // A key that is itself at fault is named in a form the answer can carry.
    for (let t = trail; t; t = t.parent) path.push(typeof t.key === "string" ? t.key.toWellFormed() : t.key);
    return path.reverse();
  };
  const stack: { value: unknown; trail: Trail }[] = [{ value: root, trail: null }];
  while (stack.length) {
    const { value, trail } = stack.pop()!;
    if (typeof value === "string") {
      const fault = textFault(value);
      if (fault) return { path: pathOf(trail), ...fault };
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    const depth = (trail?.depth ?? 0) + 1;
    if (depth > MAX_JSON_DEPTH) {
      const message = `Nested more than ${MAX_JSON_DEPTH} levels deep`;
      return { path: pathOf(trail), message, detail: message };
    }
    const entries = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
    // Pushed last to first so that they are visited first to last; a key before its value.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const childTrail = { key, parent: trail, depth };
      stack.push({ value: child, trail: childTrail });
      if (typeof key === "string") stack.push({ value: key, trail: childTrail });
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
