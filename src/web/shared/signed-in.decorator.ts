import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { NotSignedIn } from './web-errors';
import type { SignedInUser } from './sessions.service';
import { WebRequest } from './web-request';

// The signed-in user (actor, session id, CSRF token), as SessionGuard found them.
export const SignedIn = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInUser => {
  const signedIn = ctx.switchToHttp().getRequest<WebRequest>().signedIn;
  if (!signedIn) throw new NotSignedIn();
  return signedIn;
});
