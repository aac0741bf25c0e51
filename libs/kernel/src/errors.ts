/**
 * Errors carry a stable code (e.g. `LAB.TESTING_INCOMPLETE`) that clients may rely on for years.
 * One HTTP filter maps the classes: DomainError 422, NotFoundError 404, ConflictError 409,
 * PermissionDenied 403, InvalidInput 400.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {}

export class ConflictError extends DomainError {}

export class PermissionDenied extends DomainError {}

export class InvalidInput extends DomainError {}
