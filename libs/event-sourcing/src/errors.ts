import { ConflictError } from '@hemotrace/kernel';

/** Someone else appended to the stream since it was read: HTTP 409, never an overwrite. */
export class ConcurrencyError extends ConflictError {
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: number,
  ) {
    super(
      'STORE.CONCURRENCY_CONFLICT',
      `Stream ${streamId} was changed by someone else (expected ${String(expected)}, found version ${actual}); reload and retry`,
      { streamId, expected, actual },
    );
  }
}
