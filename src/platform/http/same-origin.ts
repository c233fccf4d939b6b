import type { FastifyReply, FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Whether a browser sent this request from another site. Current browsers say where a request comes
// from in Sec-Fetch-Site (same-origin, same-site, cross-site, none); where it is sent, it decides.
// Older browsers send only Origin on a POST ("null" from another site under this app's
// Referrer-Policy: same-origin). Neither present: not a browser (curl, a script), which a forged
// page cannot drive; the session's form token still guards the signed-in forms.
export function fromAnotherSite(request: { headers: Record<string, string | string[] | undefined> }, ownOrigins: string[]): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (typeof origin === 'string') return !ownOrigins.includes(origin.toLowerCase());
  return false;
}

// Every state-changing request outside the API (the web forms, sign-in included, and the mail's
// acknowledgement button) must come from this application's own pages: a form posted from another
// origin is refused with 403 before any route runs. The API authenticates with bearer tokens, which
// a browser never adds by itself, so it needs no such check.
export function sameOriginForms(publicUrl: string) {
  const publicOrigin = new URL(publicUrl).origin.toLowerCase();
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/api/')) return done();
    const own = [publicOrigin, `${request.protocol}://${request.host}`.toLowerCase()];
    if (!fromAnotherSite(request, own)) return done();
    void reply.status(403).header('content-type', 'text/plain; charset=utf-8').send('Forbidden: this form was sent from another site.');
  };
}
