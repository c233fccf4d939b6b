import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Actor } from './domain/actor';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { ApiTokensService } from './api-tokens.service';
import { Role } from './user.entity';

export const PUBLIC = 'breachclock:public';
export const ROLES = 'breachclock:roles';

// Marks a route that needs no token (health check).
export const Public = () => SetMetadata(PUBLIC, true);
// Limits a route to these roles; others get 403. Without it, any signed-in user passes.
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

// The signed-in caller, set by AuthGuard.
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new IdentityError(IdentityErrorCode.Unauthenticated, 'Sign in with a bearer token.');
  return actor;
});

// Every route is authenticated unless marked @Public(): "Authorization: Bearer <token>".
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) {
      // A public route may still say more to a known caller (GET /health to an org admin).
      if (match) request.actor = (await this.tokens.authenticate(match[1])) ?? undefined;
      return true;
    }
    const actor = match ? await this.tokens.authenticate(match[1]) : null;
    if (!actor) {
      throw new IdentityError(IdentityErrorCode.Unauthenticated, 'A valid "Authorization: Bearer <token>" header is required.');
    }
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(actor.role)) {
      throw new IdentityError(IdentityErrorCode.Forbidden, `This needs one of the roles ${roles.join(', ')}; you are ${actor.role}.`);
    }
    return true;
  }
}
