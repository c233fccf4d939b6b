// What a page handler returns: a page with its status, or a 303 to another page. The interceptor
// (web-answer.interceptor.ts) and the exception filter turn either into the reply, with the headers
// every page carries.

// Pages may load their own stylesheet and scripts, and the scripts may call back to the server; nothing else.
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export class Page {
  constructor(
    readonly status: number,
    readonly html: string,
  ) {}
}

export class SeeOther {
  constructor(readonly location: string) {}
}

// A JSON answer to a page's script (problem+json when it is an error).
export class JsonAnswer {
  constructor(
    readonly status: number,
    readonly value: unknown,
  ) {}
}

export const page = (status: number, html: string) => new Page(status, html);
export const seeOther = (location: string) => new SeeOther(location);
export const json = (status: number, value: unknown) => new JsonAnswer(status, value);

export const FORBIDDEN_FORM = 'Forbidden: the form token is missing or wrong.';

type Reply = { status(code: number): Reply; header(name: string, value: string): Reply };

// Writes an answer's status and headers; returns the body (Nest sends it; a 303's is empty).
export function answer(reply: Reply, value: Page | SeeOther | JsonAnswer): string {
  if (value instanceof SeeOther) {
    reply.status(303).header('location', value.location);
    return '';
  }
  if (value instanceof JsonAnswer) {
    reply
      .status(value.status)
      .header('content-type', value.status < 300 ? 'application/json' : 'application/problem+json')
      .header('cache-control', 'no-store');
    return JSON.stringify(value.value);
  }
  reply
    .status(value.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('cache-control', 'no-store');
  return value.html;
}
