import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import * as path from 'node:path';
import { DOCS_SCRIPT } from './docs-page-script';
import { DOCS_PATH, OPENAPI_PATH, OpenApiDocument, buildOpenApiDocument } from './openapi-document';

const ASSETS = `${DOCS_PATH}/assets/`;
// Only what the page loads, from the swagger-ui-dist package (no CDN).
const UI_FILES = new Set(['/swagger-ui.css', '/swagger-ui-bundle.js', '/favicon-32x32.png']);

// The reference page: its own script and styles only; Swagger UI sets inline styles and draws
// icons as data: images; it fetches the document from this origin and nothing else (no validator
// badge, no fonts from elsewhere).
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>breachclock API reference</title>
<link rel="icon" type="image/png" href="${ASSETS}favicon-32x32.png">
<link rel="stylesheet" href="${ASSETS}swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${ASSETS}swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/init.js"></script>
</body>
</html>
`;

function uiRoot(): string {
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}

// GET /api/v1/openapi.json (public: it describes the API, it holds no data) and the interactive
// reference at /api/docs, served from node_modules. The document is built on first request.
export async function registerOpenApi(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  let document: Promise<OpenApiDocument> | null = null;
  fastify.get(OPENAPI_PATH, async (_request, reply: FastifyReply) => {
    document ??= buildOpenApiDocument(app, 'v1').catch((error: unknown) => {
      document = null;
      throw error;
    });
    return reply.type('application/json; charset=utf-8').send(await document);
  });
  fastify.get(DOCS_PATH, async (_request, reply: FastifyReply) =>
    reply.header('content-security-policy', DOCS_CSP).type('text/html; charset=utf-8').send(PAGE),
  );
  fastify.get(`${DOCS_PATH}/init.js`, async (_request, reply: FastifyReply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(DOCS_SCRIPT),
  );
  await app.register(fastifyStatic as never, {
    root: uiRoot(),
    prefix: ASSETS,
    decorateReply: false,
    wildcard: false,
    allowedPath: (pathName: string) => UI_FILES.has(pathName),
    maxAge: 3_600_000,
    index: false,
    setHeaders: (reply: { header(name: string, value: string): unknown }, file: string) => {
      if (file.endsWith('.js')) reply.header('content-type', 'text/javascript; charset=utf-8');
    },
  });
}
