import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as path from 'node:path';
import { viewsDir } from './views.service';

// The pages' Fastify plugins: @fastify/cookie parses the session cookie (its parseCookie, called by
// the session lookup only, so the API's requests do no cookie work: no hook), and @fastify/static
// serves the stylesheet and scripts under /assets/ from templates/web/assets, cached for an hour. Cookie values are taken as sent: ours are base64url and never %-encoded, so a
// planted cookie with a malformed %-escape is just a value that matches no session, not an error.
export async function registerWebPlugins(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCookie as never, { hook: false, parseOptions: { decode: (value: string) => value } });
  await app.register(fastifyStatic as never, {
    root: path.join(viewsDir(), 'assets'),
    prefix: '/assets/',
    wildcard: false,
    maxAge: 3_600_000,
    index: false,
    // The scripts as text/javascript (RFC 9239), as before, not @fastify/send's application/javascript.
    setHeaders: (reply: { header(name: string, value: string): unknown }, file: string) => {
      if (file.endsWith('.js')) reply.header('content-type', 'text/javascript; charset=utf-8');
    },
  });
}
