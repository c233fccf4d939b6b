import type { FastifyRequest } from 'fastify';
import type { SignedInUser } from './sessions.service';

// A request to a page, as the guards leave it for the handler and the exception filter.
export type WebRequest = FastifyRequest & {
  signedIn?: SignedInUser;
  // Set by SessionGuard: the controller that answers, and whether it answers in JSON (@AnswersJson).
  web?: { controller: object; json: boolean };
};

// Set by @AnswersJson(), read by SessionGuard.
export const ANSWERS_JSON = 'breachclock:web-answers-json';

// A form post's fields (flat names, strings), or an empty form.
export function formBody(request: WebRequest): Record<string, unknown> {
  return (request.body ?? {}) as Record<string, unknown>;
}
