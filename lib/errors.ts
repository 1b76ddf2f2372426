/**
 * The one error family of the console. Services throw these; lib/http maps them to HTTP once.
 * Anything else is a platform bug and becomes an opaque 500 with a request id.
 */
export type FieldIssue = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(400, "validation_failed", message, { issues });
  }
}

export class Unauthorized extends AppError {
  constructor(message = "Sign in or send a valid bearer token.") {
    super(401, "unauthorized", message);
  }
}

export class Forbidden extends AppError {
  constructor(message = "You do not have permission to do that.") {
    super(403, "forbidden", message);
  }
}

export class NotFound extends AppError {
  constructor(what = "Resource") {
    super(404, "not_found", `${what} not found.`);
  }
}

export class Conflict extends AppError {
  constructor(message: string) {
    super(409, "conflict", message);
  }
}

export class PayloadTooLarge extends AppError {
  constructor(limitBytes: number) {
    super(413, "payload_too_large", `Request body is larger than ${limitBytes} bytes.`, { limitBytes });
  }
}

export class LimitExceeded extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(429, "limit_exceeded", message, details);
  }
}
