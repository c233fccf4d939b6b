import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC, ROLES } from '../identity/auth.guard';
import { SESSION_COOKIE } from '../web/shared/sessions.service';
import { SessionGuard } from '../web/shared/session.guard';
import { WebModule } from '../web/web.module';
import metadata from './metadata';
import { OPERATIONS, RESPONSE_SCHEMAS } from './openapi-operations';
import { toOpenApi31 } from './openapi-31';

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const DOCS_PATH = '/api/docs';

// The document as JSON: OpenAPI 3.1 (JSON Schema 2020-12).
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

export interface Operation {
  operationId: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: { content: Record<string, unknown>; required?: boolean };
  responses: Record<string, unknown>;
  [extension: string]: unknown;
}

// @UseGuards() metadata (@nestjs/common's GUARDS_METADATA).
const GUARDS = '__guards__';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const DESCRIPTION = `The HTTP API of breachclock (docs/api.md), generated from the running router, the request DTOs
and the response schemas. Authenticate with \`Authorization: Bearer <token>\` (an API token: \`breachclock token
create\` or \`POST /api/v1/tokens\`). The server-rendered pages (tag \`pages\`) use the session cookie instead;
they are listed so that every route is here, but they answer HTML and take form posts.
Every refusal is \`application/problem+json\` (RFC 9457) naming the field.`;

// The controller behind each operation id, and the route metadata the guards read (roles, public).
function handlers(app: INestApplication): Map<string, { roles: string[] | null; isPublic: boolean; page: boolean }> {
  const found = new Map<string, { roles: string[] | null; isPublic: boolean; page: boolean }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      for (const method of Object.getOwnPropertyNames(type.prototype)) {
        // The descriptor, not the property: reading a getter on the prototype would run it.
        const handler: unknown = Object.getOwnPropertyDescriptor(type.prototype, method)?.value;
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const read = <T>(key: string): T | undefined => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, type);
        const id = operationId(type.name, method);
        if (found.has(id)) throw new Error(`Two controllers are named ${type.name}: the document cannot tell their routes apart.`);
        const guards = [...(Reflect.getMetadata(GUARDS, type) ?? []), ...(Reflect.getMetadata(GUARDS, handler) ?? [])];
        found.set(id, {
          roles: read<string[]>(ROLES) ?? null,
          // A page is public unless the session guard stands before it (the sign-in form, the calendar feed).
          isPublic: module.metatype === WebModule ? !guards.includes(SessionGuard) : read<boolean>(PUBLIC) === true,
          page: module.metatype === WebModule,
        });
      }
    }
  }
  return found;
}

const operationId = (controller: string, method: string) => `${controller.replace(/Controller$/, '')}_${method}`;

// Builds the document from the app's router. Takes a few hundred milliseconds; the HTTP route
// builds it once, on first request.
export async function buildOpenApiDocument(app: INestApplication, version: string): Promise<OpenApiDocument> {
  await SwaggerModule.loadPluginMetadata(metadata);
  const config = new DocumentBuilder()
    .setTitle('breachclock')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (docs/admin.md).' }, 'token')
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The pages’ session (sign in at /login).' },
      'session',
    )
    .build();
  const raw = SwaggerModule.createDocument(app, config, {
    extraModels: RESPONSE_SCHEMAS as never[],
    operationIdFactory: operationId,
    autoTagControllers: true,
  }) as unknown as OpenApiDocument;
  const meta = handlers(app);
  for (const [path, item] of Object.entries(raw.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = meta.get(operation.operationId);
      if (route?.page) describePage(path, method, operation, route.isPublic);
      else describeApi(`${method.toUpperCase()} ${path}`, operation, route?.roles ?? null, route?.isPublic ?? false);
    }
  }
  raw.paths[OPENAPI_PATH] = { get: openApiOperation() };
  return toOpenApi31(raw);
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const PROBLEM = {
  description: 'Refused: problem details naming the field',
  content: { 'application/problem+json': { schema: ref('ProblemSchema') } },
};

function describeApi(key: string, operation: Operation, roles: string[] | null, isPublic: boolean): void {
  const answer = OPERATIONS[key];
  operation.security = isPublic ? [] : [{ token: [] }];
  if (roles) {
    operation['x-roles'] = roles;
    operation.description = `Roles: ${roles.join(', ')} (others get 403).`;
  }
  if (operation.requestBody) operation.requestBody.required = true;
  for (const [name, description] of Object.entries(answer?.requestHeaders ?? {})) {
    operation.parameters = [
      ...(operation.parameters ?? []),
      { name, in: 'header', required: false, description, schema: { type: 'string' } },
    ];
  }
  if (!answer) {
    // openapi.e2e-spec.ts fails for this: every route of the router is described.
    operation['x-undescribed'] = true;
    return;
  }
  operation.summary = answer.summary;
  if (answer.requestBody)
    operation.requestBody = {
      required: true,
      content: Object.fromEntries(Object.entries(answer.requestBody).map(([type, schema]) => [type, { schema }])),
    };
  const content: Record<string, unknown> = {};
  if (answer.schema) content['application/json'] = { schema: ref(answer.schema.name) };
  for (const [type, schema] of Object.entries(answer.alternatives ?? {})) content[type] = { schema };
  const headers = Object.fromEntries(
    Object.entries(answer.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
  );
  operation.responses = {
    [String(answer.status)]: {
      description: answer.summary,
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(Object.keys(content).length ? { content } : {}),
    },
    '4XX': PROBLEM,
    '503': { description: 'The database does not answer', content: PROBLEM.content },
  };
}

// The server-rendered pages: HTML for a browser, form posts, the session cookie.
function describePage(path: string, method: string, operation: Operation, isPublic: boolean): void {
  operation.tags = ['pages'];
  operation.operationId = `page_${operation.operationId}`;
  operation.security = isPublic ? [] : [{ session: [] }];
  const type = path.endsWith('.ics') ? 'text/calendar' : path.endsWith('.csv') ? 'text/csv' : 'text/html';
  operation.responses = {
    '200': { description: 'The page (docs/web.md)', content: { [type]: { schema: { type: 'string' } } } },
    ...(method === 'post' ? { '303': { description: 'Done: on to the next page (Location)' } } : {}),
    '4XX': { description: 'Refused: the page with the reason', content: { 'text/html': { schema: { type: 'string' } } } },
  };
  if (operation.requestBody) {
    operation.requestBody = {
      required: true,
      content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } } } },
    };
  }
}

function openApiOperation(): Operation {
  return {
    operationId: 'OpenApi_document',
    tags: ['OpenApi'],
    summary: 'This document (OpenAPI 3.1)',
    security: [],
    responses: { '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } },
  };
}
