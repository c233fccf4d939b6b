import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { NotSignedIn } from './web-errors';
import { SessionsService } from './sessions.service';
import { ANSWERS_JSON, WebRequest } from './web-request';

// A page for signed-in users: the session of the cookie goes on the request (read with @SignedIn()),
// no session is NotSignedIn (303 /login, or 401 to a script).
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionsService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebRequest>();
    request.web = {
      controller: context.getClass(),
      json: this.reflector.get<boolean>(ANSWERS_JSON, context.getHandler()) === true,
    };
    const signedIn = await this.sessions.ofRequest(request);
    if (!signedIn) throw new NotSignedIn();
    request.signedIn = signedIn;
    return true;
  }
}
