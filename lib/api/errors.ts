/**
 * The contract's one error shape: {"error": {"code", "message", "details"?}}. Handlers throw
 * ApiError; the route wrapper turns it into the response. Anything else becomes a bare 500
 * without a stack trace.
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

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

export function errorBody(error: ApiError) {
  return { error: { code: error.code, message: error.message, ...(error.details?.length ? { details: error.details } : {}) } };
}

export function errorResponse(error: ApiError): Response {
  return Response.json(errorBody(error), { status: error.status, headers: error.headers });
}

export function apiError(status: ErrorStatus, message: string, details?: ErrorDetail[], headers?: Record<string, string>): ApiError {
  return new ApiError(status, CODES[status], message, details, headers);
}
