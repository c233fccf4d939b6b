import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { CsrfRejected } from './web-errors';
import { SessionsService } from './sessions.service';
import { WebRequest } from './web-request';

// A form post carries the session's CSRF token in `_csrf`; after SessionGuard, which finds the session.
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly sessions: SessionsService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<WebRequest>();
    const body = request.body as Record<string, unknown> | undefined;
    if (!request.signedIn || !this.sessions.csrfValid(request.signedIn, body?._csrf)) throw new CsrfRejected();
    return true;
  }
}
