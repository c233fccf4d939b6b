import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

// Security headers on every response (pages, drafts, the acknowledgement page, the API, errors),
// from @fastify/helmet: nosniff, no referrer to other sites, no framing (X-Frame-Options and frame-ancestors),
// cross-origin isolation of windows and resources, HSTS when the public address is https.
// The default Content-Security-Policy allows nothing but inline style and forms to this origin;
// the pages and drafts send their own, stricter one (which replaces it).
export async function registerSecurityHeaders(app: NestFastifyApplication, publicUrl: string): Promise<void> {
  const https = publicUrl.startsWith('https://');
  await app.register(helmet as never, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    // Addresses carry incident ids and the calendar feed's key: none goes to another site. Not
    // "no-referrer": under it browsers send "Origin: null" on the app's own form posts as well,
    // which would blind the same-origin check of the forms (same-origin.ts).
    referrerPolicy: { policy: 'same-origin' },
    hsts: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  // Nearly every answer carries personal data (breach reports, drafts, the register, the calendar):
  // nothing is stored by browsers or proxies unless a route says otherwise (the static assets do).
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      reply.header('cache-control', 'no-store');
      done();
    });
}
