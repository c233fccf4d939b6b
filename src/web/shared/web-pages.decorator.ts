import { Controller, SetMetadata, UseFilters, UseInterceptors, applyDecorators } from '@nestjs/common';
import { Public } from '../../identity/auth.guard';
import { ShowsRefusal } from './shows-refusal.decorator';
import { WebAnswerInterceptor } from './web-answer.interceptor';
import { WebExceptionFilter } from './web-exception.filter';
import { ANSWERS_JSON } from './web-request';

// A controller of web pages: no bearer token (the session guard recognises the caller), answers
// written by WebAnswerInterceptor, refusals by WebExceptionFilter.
export const WebPages = () =>
  applyDecorators(Controller(), Public(), UseFilters(WebExceptionFilter), UseInterceptors(WebAnswerInterceptor));

// A route that answers a page's script in JSON: its refusals are problem+json, not pages.
export const AnswersJson = () => applyDecorators(SetMetadata(ANSWERS_JSON, true), ShowsRefusal());
