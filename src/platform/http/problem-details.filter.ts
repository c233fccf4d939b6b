import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorKind, FieldError, assertUnreachable } from './domain-error';

export const PROBLEM_TYPE_BASE = 'urn:breachclock:problem:';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'precondition_required':
      return 428;
    case 'unprocessable':
      return 422;
    case 'unavailable':
      return 503;
    default:
      return assertUnreachable(kind);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// Errors Fastify raises before a route runs (body parsing, size limit, content type) reach the
// filter as HttpExceptions with these statuses.
const REQUEST_ERRORS: Record<number, { code: string; detail?: string }> = {
  400: { code: 'malformed_request' },
  404: { code: 'route_not_found', detail: 'There is nothing at this address.' },
  405: { code: 'method_not_allowed' },
  413: { code: 'body_too_large', detail: 'The request body is larger than 1 MiB.' },
  415: { code: 'unsupported_media_type', detail: 'Send the body as application/json.' },
};

export function problemFor(exception: unknown): { problem: ProblemDetails; unexpected: boolean } {
  if (exception instanceof DomainError) {
    const status = statusOf(exception.kind);
    return {
      unexpected: false,
      problem: {
        ...(exception.extensions ?? {}),
        type: PROBLEM_TYPE_BASE + exception.code,
        title: TITLES[status],
        status,
        detail: exception.message,
        ...(exception.errors ? { errors: exception.errors } : {}),
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const known = REQUEST_ERRORS[status];
    const malformedJson = status === 400 && /JSON/i.test(exception.message);
    return {
      unexpected: status >= 500,
      problem: {
        type: PROBLEM_TYPE_BASE + (malformedJson ? 'malformed_json' : (known?.code ?? `http_${status}`)),
        title: TITLES[status] ?? 'Error',
        status,
        detail: malformedJson ? 'The body is not valid JSON.' : (known?.detail ?? exception.message),
      },
    };
  }
  return {
    unexpected: true,
    problem: {
      type: PROBLEM_TYPE_BASE + 'internal',
      title: TITLES[500],
      status: 500,
      detail: 'Something went wrong on our side. The error was logged with this request id.',
    },
  };
}

// The one place where errors become responses: RFC 9457 application/problem+json, always.
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, unexpected } = problemFor(exception);
    problem.instance = request?.id ? `urn:request:${request.id}` : undefined;
    if (unexpected) {
      this.logger.error({ event: 'http.unexpected_error', err: exception, reqId: request?.id }, 'unexpected error');
    }
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(problem));
  }
}
