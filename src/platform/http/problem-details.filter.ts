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

// Errors raised by Fastify itself before a route runs (body parsing, size limit, content type).
const FASTIFY_CODES: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body_too_large', detail: 'The request body is larger than 1 MiB.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', detail: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid_content_length', detail: 'Content-Length does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed_json', detail: 'The body is empty but Content-Type is application/json.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', detail: 'The body is not valid JSON.' },
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
  const fastifyError = exception as { code?: string; statusCode?: number; message?: string };
  if (typeof fastifyError?.code === 'string' && fastifyError.code.startsWith('FST_') && fastifyError.statusCode && fastifyError.statusCode < 500) {
    const known = FASTIFY_CODES[fastifyError.code];
    // Fastify reports malformed JSON as a SyntaxError with statusCode 400 and code FST_ERR_CTP_INVALID_JSON_BODY or none.
    const status = fastifyError.statusCode;
    return {
      unexpected: false,
      problem: {
        type: PROBLEM_TYPE_BASE + (known?.code ?? 'bad_request'),
        title: TITLES[status] ?? 'Bad Request',
        status,
        detail: known?.detail ?? 'The request could not be read.',
      },
    };
  }
  if (exception instanceof SyntaxError && (exception as { statusCode?: number }).statusCode === 400) {
    return {
      unexpected: false,
      problem: { type: PROBLEM_TYPE_BASE + 'malformed_json', title: TITLES[400], status: 400, detail: 'The body is not valid JSON.' },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = status === 404 ? 'route_not_found' : status === 405 ? 'method_not_allowed' : `http_${status}`;
    return {
      unexpected: status >= 500,
      problem: {
        type: PROBLEM_TYPE_BASE + code,
        title: TITLES[status] ?? 'Error',
        status,
        detail: status === 404 ? 'There is nothing at this address.' : exception.message,
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
