/**
 * What can go wrong in the domain, said without HTTP: modules throw these with the facts of the
 * case, and only the API layer decides which status and body each becomes. Pages turn `NotFound`
 * into their not-found view.
 */
export interface FieldIssue {
  /** Where in the input, as written in the request: `points[3].value`, `threshold`. */
  path: string;
  message: string;
}

/** How the audit trail records a refusal: the entry the API layer appends once the refused attempt rolled back. */
export interface RefusalRecord {
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

export abstract class DomainError extends Error {
  abstract readonly kind: "not_found" | "conflict" | "refused" | "invalid" | "too_large" | "too_many" | "unavailable";
  readonly details: FieldIssue[];
  /** Set when the refusal itself must be on record (an attempt to rewrite evidence, say). */
  audit?: RefusalRecord;

  protected constructor(message: string, details: FieldIssue[] = []) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }

  /** Puts this refusal on record in the audit trail (outcome `failure`); returns it for `throw`. */
  audited(record: RefusalRecord): this {
    this.audit = record;
    return this;
  }
}

/** The thing named does not exist (or the caller may not know it does). */
export class NotFound extends DomainError {
  readonly kind = "not_found";
  constructor(
    readonly entity: string,
    readonly id: string,
    message = `No ${entity} ${id}`,
    details?: FieldIssue[],
  ) {
    super(message, details);
  }
}

/** The request is valid but the state of things forbids it now (already exists, already decided). */
export class Conflict extends DomainError {
  readonly kind = "conflict";
  constructor(message: string, details?: FieldIssue[]) {
    super(message, details);
  }
}

/** A rule forbids this caller this action (four eyes, last admin, not the requester). */
export class Refused extends DomainError {
  readonly kind = "refused";
  constructor(message: string) {
    super(message);
  }
}

/** The input cannot be acted on; each issue names the field at fault. */
export class Invalid extends DomainError {
  readonly kind = "invalid";
  constructor(details: FieldIssue[], message = details.length === 1 ? details[0].message : "The request is invalid") {
    super(message, details);
  }
}

/** The input is more than one request may carry (counted after decoding it); send it in parts. */
export class TooLarge extends DomainError {
  readonly kind = "too_large";
  constructor(message: string) {
    super(message);
  }
}

/** The caller is over a limit; try again after `retryAfterSeconds`. */
export class TooMany extends DomainError {
  readonly kind = "too_many";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A dependency (the database) is not answering; nothing was done. */
export class Unavailable extends DomainError {
  readonly kind = "unavailable";
  constructor(message: string) {
    super(message);
  }
}
