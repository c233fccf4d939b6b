import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { t } from '../../i18n';
import { DomainError } from '../../platform/http/domain-error';
import { ProblemDetailsFilter } from '../../platform/http/problem-details.filter';
import type { SignedInUser } from './sessions.service';
import { ViewsService } from './views.service';
import { FORBIDDEN_FORM, JsonAnswer, Page, SeeOther, answer, json, page, seeOther } from './web-answer';
import { CsrfRejected, NotSignedIn, PageNotFound } from './web-errors';
import { Refused } from './shows-refusal.decorator';
import { WebRequest } from './web-request';

// A page controller that shows its page again when a service refuses a post: the error's message
// next to its field, and (for bad input) what was typed kept in the form.
export interface ShowsRefusals {
  refused(error: DomainError, signedIn: SignedInUser, request: WebRequest, form: string | undefined): Promise<Page> | Page;
}

const showsRefusals = (controller: unknown): controller is ShowsRefusals =>
  typeof (controller as Partial<ShowsRefusals> | null)?.refused === 'function';

// The browser's answer to a refusal: not signed in → 303 /login; a wrong form token → 403; an
// address that names nothing → the 404 page; a domain error of a @ShowsRefusal() handler → the page
// again with its message (the controller's refused()). A script's route (@AnswersJson) gets
// problem+json instead. Every other error goes to the API's ProblemDetailsFilter, as before.
@Catch(NotSignedIn, CsrfRejected, PageNotFound, Refused)
@Injectable()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly views: ViewsService,
  ) {}

  catch(error: Error, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const send = (value: Page | SeeOther | JsonAnswer) => void reply.send(answer(reply, value));
    const direct = this.answerOf(error, request);
    if (direct) return send(direct);
    const controller = request.web ? this.moduleRef.get(request.web.controller as never, { strict: false }) : null;
    if (!request.signedIn || !showsRefusals(controller)) return this.problems.catch((error as Refused).error, host);
    const { error: refusal, form } = error as Refused;
    Promise.resolve()
      .then(() => controller.refused(refusal, request.signedIn!, request, form))
      .then(send, (failure: unknown) => {
        const answered = failure instanceof Error ? this.answerOf(failure, request) : null;
        // Anything else failing while the page is drawn is the API's problem+json (logged there if unexpected).
        if (answered) send(answered);
        else this.problems.catch(failure, host);
      });
  }

  // The answers that need no page of the controller; null: the controller's refused() shows it.
  private answerOf(error: Error, request: WebRequest): Page | SeeOther | JsonAnswer | null {
    const forScript = request.web?.json === true;
    if (error instanceof NotSignedIn) return forScript ? json(401, { status: 401, title: 'Not signed in' }) : seeOther('/login');
    if (error instanceof CsrfRejected)
      return forScript ? json(403, { status: 403, title: 'The form token is missing or wrong' }) : page(403, FORBIDDEN_FORM);
    if (error instanceof PageNotFound)
      return forScript || !request.signedIn ? json(404, { status: 404, title: 'Not found' }) : page(404, this.notFound(request.signedIn));
    if (error instanceof Refused && forScript) {
      const { kind, message, errors } = error.error;
      const status = kind === 'not_found' ? 404 : kind === 'forbidden' ? 403 : 400;
      return json(status, { status, title: message, errors: errors ?? [] });
    }
    return null;
  }

  private notFound(signedIn: SignedInUser): string {
    return this.views.page('message', signedIn, { title: '404', message: t(signedIn.actor.locale, 'pages.notFound') });
  }
}
