import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@hemotrace/kernel';
import type { HemotraceRequest } from './access.decorators';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './access.decorators';
import { TokenRegistry } from './tokens';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<HemotraceRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const actor = match ? this.tokens.actorFor(match[1]) : null;
    if (!actor) {
      throw new UnauthorizedException({
        code: 'AUTH.UNAUTHENTICATED',
        message: 'A valid bearer token is required',
      });
    }
    request.actor = actor;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, targets) ?? [];
    if (actor.role === 'admin' || allowed.includes(actor.role)) return true;
    throw new ForbiddenException({
      code: 'AUTH.ROLE_NOT_ALLOWED',
      message: `Role ${actor.role} may not do this`,
      details: { role: actor.role, allowed: ['admin', ...allowed] },
    });
  }
}
