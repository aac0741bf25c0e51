import type { FailureError } from './reaction-failure.events';

/**
 * A reaction that can never succeed as things stand (an unknown donor, a unit that cannot be
 * held): the bus dead-letters it at once instead of retrying, and records why.
 */
export class ReactionNotCarriedOut extends Error {
  readonly code: string;

  constructor(
    readonly reason: unknown,
    message?: string,
  ) {
    super(message ?? (reason instanceof Error ? reason.message : String(reason)));
    this.name = new.target.name;
    this.code = codeOf(reason) ?? 'MSG.REACTION_NOT_CARRIED_OUT';
  }
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

export const failureErrorOf = (error: unknown): FailureError => {
  const cause = error instanceof ReactionNotCarriedOut ? error.reason : error;
  const name = cause instanceof Error ? cause.name : 'Error';
  return {
    code: codeOf(error) ?? codeOf(cause) ?? name,
    name,
    message: error instanceof Error ? error.message : String(error),
  };
};

export const isPermanentFailure = (error: unknown): boolean => error instanceof ReactionNotCarriedOut;
