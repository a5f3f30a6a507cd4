import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { OVERSIGHT_ROLE, PUBLIC_KEY, ROLES_KEY, Caller, Role } from './roles';
import { TokenVerifier } from './tokens';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * Global guard: bearer JWT required, then one of the endpoint's roles (or `oversight` on a GET endpoint: it reads
 * everything and changes nothing). Deny by default: an endpoint without @Roles is closed, oversight included.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // Kafka handlers are not HTTP endpoints.
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('a bearer token is required');
    let caller: Caller;
    try {
      caller = await this.verify(token);
    } catch (error) {
      throw new UnauthorizedException(`invalid token: ${(error as Error).message}`);
    }
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    const oversees = request.method === 'GET' && allowed.length > 0 && caller.roles.includes(OVERSIGHT_ROLE);
    if (!oversees && !caller.roles.some((r) => allowed.includes(r))) {
      throw new ForbiddenException(`requires one of the roles: ${allowed.join(', ') || '(none: endpoint is closed)'}`);
    }
    request.caller = caller;
    return true;
  }
}
