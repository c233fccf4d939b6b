import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable, map } from 'rxjs';
import { JsonAnswer, Page, SeeOther, answer } from './web-answer';

// Turns a handler's Page, SeeOther or JsonAnswer into the reply; anything else (a draft, a CSV, a
// calendar) is sent as the handler returned it.
@Injectable()
export class WebAnswerInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next
      .handle()
      .pipe(
        map((value) => (value instanceof Page || value instanceof SeeOther || value instanceof JsonAnswer ? answer(reply, value) : value)),
      );
  }
}
