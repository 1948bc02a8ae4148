import { isDatabaseUnavailable } from "@/lib/db/faults";
import { DomainError, type FieldIssue } from "@/lib/errors";

/**
 * The contract's one error shape: {"error": {"code", "message", "details"?}}. The API layer throws
 * ApiError for what is about HTTP itself (malformed JSON, credentials, body size, media type); the
 * domain throws lib/errors, and `toApiError` is the one place that decides their status.
 */
export type ErrorDetail = FieldIssue;

const CODES = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  429: "rate_limited",
  500: "internal_error",
  503: "unavailable",
} as const;

export type ErrorStatus = keyof typeof CODES;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string = CODES[status],
    message: string = code,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function apiError(status: ErrorStatus, message: string, details?: ErrorDetail[], headers?: Record<string, string>): ApiError {
  return new ApiError(status, CODES[status], message, details, headers);
}

const STATUS_OF: Record<DomainError["kind"], ErrorStatus> = {
  not_found: 404,
  conflict: 409,
  refused: 403,
  invalid: 422,
  too_large: 413,
  too_many: 429,
  unavailable: 503,
};

/** The HTTP form of an error we understand; null for anything else (a fault: 500, logged). */
export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (isDatabaseUnavailable(error)) return apiError(503, "The database cannot be reached right now; try again shortly.", undefined, { "Retry-After": "5" });
  if (!(error instanceof DomainError)) return null;
  const headers = "retryAfterSeconds" in error ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
  return apiError(STATUS_OF[error.kind], error.message, error.details, headers);
}

export function errorBody(error: ApiError) {
  return { error: { code: error.code, message: error.message, ...(error.details?.length ? { details: error.details } : {}) } };
}

export function errorResponse(error: ApiError): Response {
  return Response.json(errorBody(error), { status: error.status, headers: error.headers });
}
