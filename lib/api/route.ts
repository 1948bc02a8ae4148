import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import type { Permission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import type { Db, Tx } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { parseJsonText, readJsonText, validate, zodDetails } from "./body";
import { withIdempotency } from "./idempotency";
import type { ParamShape } from "./params";
import { withAuth, withoutAuth } from "./with-auth";

export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RoutePermission = Permission | "public";

type ParamValues<P extends ParamShape> = { [K in keyof P]: z.output<P[K]> };

export interface RouteContext<P extends ParamShape, Q, B, I extends boolean> {
  req: NextRequest;
  params: ParamValues<P>;
  query: Q;
  body: B;
  db: Db;
  /** Idempotent routes run inside one transaction with the stored answer: write through `tx`. */
  tx: I extends true ? Tx : undefined;
  caller: Caller;
  principal: Principal;
}

export interface RouteDefinition<P extends ParamShape, Q, B, R, I extends boolean> {
  method: RouteMethod;
  /** Relative to /api/v1, with `{param}` placeholders, as OpenAPI writes it. */
  path: string;
  summary: string;
  tag: string;
  permission: Permission;
  params?: P;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The success answer's shape: documented, and checked against real answers in the tests. */
  response: z.ZodType<R>;
  status?: 200 | 201 | 202;
  /** Honour `Idempotency-Key`: the first answer is stored with the write and replayed. */
  idempotent?: I;
  /** What the success answer is, when it is not JSON (a stream). */
  contentType?: string;
  /** The body as JSON text, for a route that also takes another encoding (OTLP's protobuf). */
  readBody?: (req: Request) => Promise<string>;
  /** The answer in the encoding the client spoke, for a route with `readBody`. */
  encodeAnswer?: (req: Request, response: Response) => Promise<Response>;
  handler: (ctx: RouteContext<P, Q, B, I>) => Promise<R | Response> | R | Response;
}

/** The metrics label and error context of a route: its template, never the raw path. */
export function routeTemplate(path: string): string {
  return `/api/v1${path.replace(/\{(\w+)\}/g, "[$1]")}`;
}

/** What a definition describes, for the OpenAPI document and the authorization matrix. */
export interface RouteDescription {
  method: RouteMethod;
  path: string;
  summary: string;
  tag: string;
  permission: RoutePermission;
  params?: ParamShape;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
  idempotent?: boolean;
  contentType?: string;
}

export type DefinedRoute = ((req: NextRequest, route: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  definition: RouteDescription;
};

// Integration tests set this so that every answer is checked against its documented schema.
const CHECK_RESPONSES = process.env.PLUMBLINE_CHECK_RESPONSES === "1";

/**
 * One route: its permission, the schemas of what it takes and gives, and its handler. The door
 * (credentials, permission, Origin, limits, audit of refusals) is `withAuth`; here the path, query
 * and body are validated before the handler runs, and its answer is shaped. The same definition
 * feeds the OpenAPI document and the authorization-matrix test.
 */
export function defineRoute<P extends ParamShape = Record<never, never>, Q = undefined, B = undefined, R = unknown, I extends boolean = false>(
  definition: RouteDefinition<P, Q, B, R, I>,
): DefinedRoute {
  const template = routeTemplate(definition.path);
  const status = definition.status ?? 200;

  const answer = (result: R | Response): Response => {
    if (result instanceof Response) return result;
    if (CHECK_RESPONSES) checkResponse(definition, result);
    return Response.json(result, { status });
  };

  const parseRequest = (req: NextRequest, rawParams: Record<string, string>) => ({
    params: parseParams(definition.params ?? ({} as P), rawParams),
    query: (definition.query ? validate(definition.query, Object.fromEntries(req.nextUrl.searchParams)) : undefined) as Q,
  });

  const readBody = definition.readBody ?? readJsonText;
  const encode = definition.encodeAnswer ?? (async (_req: Request, response: Response) => response);

  const handler = withAuth<Record<string, string>>(
    definition.permission,
    async ({ req, params: rawParams, principal, by, db }) => encode(req, await run(req, rawParams, principal, by, db)),
    template,
  );

  async function run(req: NextRequest, rawParams: Record<string, string>, principal: Principal, by: Caller, db: Db): Promise<Response> {
    const { params, query } = parseRequest(req, rawParams);
    const base = { req, params, query, db, caller: by, principal };
    if (definition.idempotent) {
      return withIdempotency(
        { req, db, principal },
        async (json, tx) => {
          const body = (definition.body ? validate(definition.body, json) : undefined) as B;
          const result = await definition.handler({ ...base, body, tx } as RouteContext<P, Q, B, I>);
          if (result instanceof Response) throw new Error(`idempotent route ${template} must answer with data`);
          if (CHECK_RESPONSES) checkResponse(definition, result);
          return { status, body: result };
        },
        readBody,
      );
    }
    const body = (definition.body ? validate(definition.body, parseJsonText(await readBody(req))) : undefined) as B;
    return answer(await definition.handler({ ...base, body, tx: undefined } as RouteContext<P, Q, B, I>));
  }
  return Object.assign(handler, { definition }) as unknown as DefinedRoute;
}

/** A route anyone may call, such as the API's own description: no caller, no input. */
export function definePublicRoute<R>(definition: {
  method: "GET";
  path: string;
  summary: string;
  tag: string;
  response: z.ZodType<R>;
  handler: (req: NextRequest) => Promise<R> | R;
}): DefinedRoute {
  const handler = withoutAuth(async (req) => Response.json(await definition.handler(req)), routeTemplate(definition.path));
  return Object.assign(handler, { definition: { ...definition, permission: "public" } }) as unknown as DefinedRoute;
}

/**
 * What answers a path under /api/v1 that no route claims: the contract's JSON 404 for any method
 * and any caller (it names no resource, so there is nothing to protect), never the HTML page.
 */
export function unknownRoute() {
  return withoutAuth((req) => {
    const path = req.nextUrl.pathname.slice(0, 300);
    throw new NotFound("route", path, `No API route ${req.method} ${path}: see /api/v1/openapi.json`);
  }, "/api/v1/[...path]");
}

function parseParams<P extends ParamShape>(shape: P, raw: Record<string, string>): ParamValues<P> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const parsed = schema.safeParse(raw[name]);
    if (!parsed.success) {
      throw new NotFound(
        name,
        String(raw[name]),
        `Nothing is named ${JSON.stringify(String(raw[name]).slice(0, 200))} here: ${name} ${parsed.error.issues[0].message}`,
        [{ path: name, message: parsed.error.issues[0].message }],
      );
    }
    out[name] = parsed.data;
  }
  return out as ParamValues<P>;
}

function checkResponse(definition: { path: string; method: string; response: z.ZodType }, result: unknown) {
  const parsed = definition.response.safeParse(result);
  if (!parsed.success) {
    log.error("answer does not match its documented schema", {
      route: definition.path,
      method: definition.method,
      issues: zodDetails(parsed.error).slice(0, 5),
    });
    throw new Error(`answer of ${definition.method} ${definition.path} does not match its response schema`);
  }
}
