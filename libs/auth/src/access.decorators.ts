import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from '@hemotrace/kernel';
import { InvalidInput, newId } from '@hemotrace/kernel';

export const PUBLIC_ROUTE = 'hemotrace:public';
export const ALLOWED_ROLES = 'hemotrace:roles';

/** Reachable without a token (health, API docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route; admin always may. A route without it is admin-only (deny by default). */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** Every role that only reads: quality auditors read everything and write nothing. */
export const READERS: Role[] = ['quality-auditor'];

export interface HemotraceRequest {
  actor?: Actor;
  correlationId?: string;
  receivedAt?: string;
  headers: Record<string, string | string[] | undefined>;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<HemotraceRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});

/** Who, when, under which correlation and with which idempotency key a command is being given. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  commandId: string;
  /** When the request arrived: the business time of what it records unless the body says otherwise. */
  now: string;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

export const commandContextFrom = (request: HemotraceRequest): CommandContext => {
  if (!request.actor) throw new Error('Command context needs an authenticated actor');
  const key = request.headers['idempotency-key'];
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
    throw new InvalidInput(
      'HTTP.INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key must be 8-100 characters of A-Z a-z 0-9 . _ : -',
    );
  }
  return {
    actor: request.actor,
    correlationId: request.correlationId ?? newId(),
    causationId: null,
    commandId: (key as string | undefined) ?? newId(),
    now: request.receivedAt ?? new Date().toISOString(),
  };
};

export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext =>
  commandContextFrom(ctx.switchToHttp().getRequest<HemotraceRequest>()),
);
