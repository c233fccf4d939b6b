import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { IncidentBatchRunner } from '../../src/incidents/batches/incident-batch.runner';
import { Validator } from '@seriousme/openapi-schema-validator';
import { OPERATIONS, RESPONSE_SCHEMAS } from '../../src/openapi/openapi-operations';
import { fullReport, lowRiskAssessment, makeTenant, Tenant } from '../support/factories';
import { RequestOptions, startTestApp, TestApp, TestResponse } from '../support/test-app';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const BASE = 'https://breachclock.test/openapi.json';

// The OpenAPI document (issue 17) against the app itself: it is valid OpenAPI 3.1, it names every
// route of the router, and the real answers of the main routes, and the bodies they accepted,
// validate against it. Response schemas are checked closed (no property the document lacks).
describe('OpenAPI document', () => {
  let t: TestApp;
  let a: Tenant;
  let doc: any;
  let ajv: Ajv2020;
  const checked: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    a = await makeTenant(t);
    const res = await t.request('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    // The response schemas closed: a property the mapper sends and the document lacks is an error.
    const closed = new Set(RESPONSE_SCHEMAS.map((s) => s.name.replace(/Schema$/, '')).filter((name) => name !== 'Problem'));
    const schemas = structuredClone(doc.components.schemas);
    for (const [name, schema] of Object.entries<any>(schemas)) {
      if (closed.has(name) && schema.additionalProperties === undefined) schema.additionalProperties = false;
    }
    ajv.addSchema({ $id: BASE, components: { schemas } });
  });
  afterAll(() => t.close());

  // The operation of the document for this request: the path template that matches it with the
  // fewest parameters (/authorities/resolve before /authorities/{id}).
  function operationOf(method: Method, url: string): { key: string; operation: any } {
    const segments = url.split('?')[0].split('/');
    const params = (template: string) => (template.match(/\{/g) ?? []).length;
    const [template] = Object.keys(doc.paths)
      .filter((candidate) => doc.paths[candidate][method.toLowerCase()])
      .filter((candidate) => {
        const parts = candidate.split('/');
        return parts.length === segments.length && parts.every((p, i) => p === segments[i] || /^\{\w+\}$/.test(p));
      })
      .sort((x, y) => params(x) - params(y));
    if (!template) throw new Error(`${method} ${url} is not in the document`);
    return { key: `${method} ${template}`, operation: doc.paths[template][method.toLowerCase()] };
  }

  const compile = (schema: unknown) =>
    ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${BASE}#/components/`)));

  // Sends the request, then validates the accepted JSON body and the answer against the document.
  async function call<T = any>(method: Method, url: string, options: RequestOptions = {}): Promise<TestResponse<T>> {
    const res = await t.request<T>(method, url, options);
    const { key, operation } = operationOf(method, url);
    if (res.status < 400 && options.body !== undefined) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      expect({ key, request: schema ? 'described' : 'undescribed' }).toEqual({ key, request: 'described' });
      const validate = compile(schema);
      expect({ key, request: validate(options.body) ? [] : validate.errors }).toEqual({ key, request: [] });
    }
    const answer = operation.responses[String(res.status)] ?? operation.responses[`${String(res.status)[0]}XX`];
    expect({ key, status: res.status, described: answer !== undefined }).toEqual({ key, status: res.status, described: true });
    const type = String(res.headers['content-type'] ?? '').split(';')[0];
    if (res.status === 204) {
      expect(res.text).toBe('');
    } else {
      expect({ key, status: res.status, type, documented: Object.keys(answer.content ?? {}) }).toEqual(
        expect.objectContaining({ documented: expect.arrayContaining([type]) }),
      );
      if (type.endsWith('json')) {
        const validate = compile(answer.content[type].schema);
        expect({ key, status: res.status, errors: validate(res.body) ? [] : validate.errors }).toEqual({
          key,
          status: res.status,
          errors: [],
        });
      }
    }
    checked.push(`${key} ${res.status}`);
    return res;
  }

  it('is served without a token, and is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result).toEqual({ valid: true });
    expect(JSON.stringify(doc)).not.toContain('"nullable"');
    expect(doc.components.securitySchemes).toEqual({
      token: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'bc_session' }),
    });
  });

  it('names every route of the router, each API route with its answer', () => {
    // The router's own account of its routes, as Nest logs them while mapping.
    const mapped = t.logs
      .map((line) => /^Mapped \{(\S*), (\w+)\} route$/.exec(String(line.msg)))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[2]} ${(m[1] || '/').replace(/:(\w+)/g, '{$1}')}`);
    expect(mapped.length).toBeGreaterThan(50);
    const documented = Object.entries<any>(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...mapped, 'GET /api/v1/openapi.json'].sort());
    const undescribed = documented.filter((key) => {
      const [method, path] = key.split(' ');
      return doc.paths[path][method.toLowerCase()]['x-undescribed'];
    });
    expect(undescribed).toEqual([]);
    // The table of answers names no route the router does not have.
    expect(Object.keys(OPERATIONS).filter((key) => !mapped.includes(key))).toEqual([]);
  });

  it('describes the real answers of the main routes, and the bodies they accept', async () => {
    t.clock.set('2025-06-06T10:00:00Z');
    const dpo = { token: a.dpoToken };
    const staff = { token: a.processorToken };
    expect((await call('GET', '/health')).status).toBe(200);
    const contracts = await call('GET', '/api/v1/contracts', staff);
    expect(contracts.body.items).toHaveLength(1);
    await call('PUT', `/api/v1/contracts/${a.contractId}/escalation`, {
      ...dpo,
      body: {
        milestones: '24h,4h,1h,0h',
        deputies: [{ name: 'Deputy', email: 'deputy@controller.example', locale: 'en' }],
        deputiesAfter: '24h',
      },
    });

    // An incident through its life: filed, read, listed, followed up, assessed, decided, notified.
    const filed = await call('POST', '/api/v1/incidents', { ...staff, body: fullReport(a.contractId, '2025-06-06T09:00:00Z') });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    const draft = await call('POST', '/api/v1/incidents', {
      ...staff,
      body: {
        contractId: a.contractId,
        draft: true,
        title: 'Laptop lost',
        nature: { description: 'A laptop was lost.' },
        discoveredAt: '2025-06-06T08:00:00Z',
      },
    });
    await call('POST', `/api/v1/incidents/${draft.body.id}/submit`, staff);
    await call('GET', `/api/v1/incidents/${id}`, dpo);
    const page = await call('GET', '/api/v1/incidents?limit=1', dpo);
    await call('GET', `/api/v1/incidents?limit=1&cursor=${page.body.nextCursor}`, dpo);
    await call('PATCH', `/api/v1/incidents/${id}`, {
      ...staff,
      headers: { 'if-match': `"${filed.body.version}"` },
      body: { measuresTaken: 'Sending stopped, template fixed, recipients informed.', approximateRecords: null },
    });
    // A batch: accepted, created by the runner, followed up, resumed; selections of each kind.
    const { contractId: _none, ...batchIntake } = fullReport(undefined, '2025-06-06T09:00:00Z');
    const batch = await call('POST', '/api/v1/incidents/batches', { ...staff, body: { contracts: 'all', incident: batchIntake } });
    expect(batch.status).toBe(202);
    await call('POST', '/api/v1/incidents/batches', { ...staff, body: { contracts: [a.contractId], incident: batchIntake } });
    await call('POST', '/api/v1/incidents/batches', {
      ...staff,
      body: { contracts: { subProcessor: 'Hosting Sub GmbH' }, incident: batchIntake },
    });
    await t.get(IncidentBatchRunner).runPending();
    await call('GET', `/api/v1/incidents/batches/${batch.body.id}`, staff);
    await call('GET', `/api/v1/incidents?batch=${batch.body.id}`, staff);
    await call('PATCH', `/api/v1/incidents/batches/${batch.body.id}`, { ...staff, body: { measuresTaken: 'Keys rotated.' } });
    await call('POST', `/api/v1/incidents/batches/${batch.body.id}/resume`, staff);
    // A draft batch: saved, listed, edited, submitted; another discarded.
    const draftBatch = await call('POST', '/api/v1/incidents/batches', {
      ...staff,
      body: { contracts: 'all', incident: { ...batchIntake, draft: true } },
    });
    expect(draftBatch.body.status).toBe('draft');
    await call('GET', '/api/v1/incidents/batches/drafts', staff);
    await call('PATCH', `/api/v1/incidents/batches/${draftBatch.body.id}`, {
      ...staff,
      body: { title: 'Edited draft', contracts: [a.contractId] },
    });
    await call('POST', `/api/v1/incidents/batches/${draftBatch.body.id}/submit`, staff);
    const discarded = await call('POST', '/api/v1/incidents/batches', {
      ...staff,
      body: { contracts: 'all', incident: { ...batchIntake, draft: true } },
    });
    await call('DELETE', `/api/v1/incidents/batches/${discarded.body.id}`, staff);
    await call('POST', `/api/v1/incidents/${id}/status`, { ...dpo, body: { status: 'triage' } });
    await call('GET', `/api/v1/incidents/${id}/obligations`, dpo);
    await call('GET', `/api/v1/incidents/${id}/obligations`, staff);
    await call('GET', '/api/v1/deadlines?within=7d', dpo);
    await call('GET', '/api/v1/deadlines', staff);
    await call('POST', `/api/v1/incidents/${id}/assessment/preview`, { ...dpo, body: lowRiskAssessment });
    await call('PUT', `/api/v1/incidents/${id}/assessment`, { ...dpo, body: { ...lowRiskAssessment, maliciousIntent: true } });
    await call('POST', `/api/v1/incidents/${id}/decision`, {
      ...dpo,
      body: {
        notifyAuthority: true,
        authorityReason: 'Addresses of 1,840 customers went to all of them.',
        notifySubjects: false,
        subjectsReason: 'Only e-mail addresses; no high risk to the people affected.',
      },
    });
    await call('GET', `/api/v1/incidents/${id}/assessments`, dpo);
    await call('GET', `/api/v1/incidents/${id}/authorities`, dpo);
    const markdown = await call('GET', `/api/v1/incidents/${id}/drafts/authority?lang=en`, dpo);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    await call('POST', `/api/v1/incidents/${id}/notifications`, {
      ...dpo,
      body: { kind: 'authority_initial', sentAt: '2025-06-06T10:00:00Z', channel: 'online form', reference: 'HBDI-1', language: 'de' },
    });
    await call('GET', `/api/v1/incidents/${id}/notifications`, dpo);
    // Not a NIS2 entity: the classification is refused (409, problem+json).
    const nis2 = await call('PUT', `/api/v1/incidents/${id}/classifications/nis2`, {
      ...dpo,
      body: { significant: true, awareAt: '2025-06-06T09:30:00Z' },
    });
    expect(nis2.status).toBe(409);
    const duties = await call('GET', `/api/v1/incidents/${draft.body.id}/obligations`, dpo);
    const authorityDuty = duties.body.items.find((o: any) => o.duty === 'notify_authority');
    const waived = await call('POST', `/api/v1/obligations/${authorityDuty.id}/waive`, {
      ...dpo,
      body: { reason: 'The laptop was encrypted and found again the same day.' },
    });
    expect(waived.body.waived).toMatchObject({ by: 'user' });
    await call('GET', `/api/v1/incidents/${id}/audit`, dpo);
    await call('GET', `/api/v1/incidents/${id}/audit`, staff);
    await call('GET', `/api/v1/incidents/${id}/evidence`, dpo);
    await call('GET', `/api/v1/incidents/${id}/evidence`, staff);
    await call('GET', '/api/v1/register', dpo);
    const csv = await call('GET', '/api/v1/register?format=csv', dpo);
    expect(csv.text.split('\n')[0]).toContain(',');
    await call('GET', '/api/v1/register/stats', dpo);
    const registerEvidence = await call('GET', '/api/v1/register/evidence?from=2025-06-01&to=2025-06-30', dpo);
    expect(registerEvidence.body.incidents.length).toBeGreaterThan(0);
    expect((await call('GET', '/api/v1/register/evidence?from=2025-06-30&to=2025-06-01', dpo)).status).toBe(400);
    await call('GET', '/api/v1/escalations', dpo);

    // Directory, tokens and users.
    await call('GET', '/api/v1/authorities?q=hessen', dpo);
    await call('GET', '/api/v1/authorities/resolve?country=DE&region=DE-HE', dpo);
    await call('GET', '/api/v1/authorities/de-he', dpo);
    const token = await call('POST', '/api/v1/tokens', { ...dpo, body: { name: 'ticket system', expiresIn: '90d' } });
    await call('GET', '/api/v1/tokens', dpo);
    await call('GET', '/api/v1/tokens', { token: a.adminToken });
    expect((await call('DELETE', `/api/v1/tokens/${token.body.id}`, dpo)).status).toBe(204);
    const user = await call('POST', '/api/v1/users', {
      token: a.adminToken,
      body: { email: `new-${a.controllerSlug}@controller.example`, role: 'controller_dpo', locale: 'en', timeZone: 'Europe/Dublin' },
    });
    await call('PATCH', `/api/v1/users/${user.body.id}`, { token: a.adminToken, body: { active: false } });
    await call('GET', '/api/v1/users', { token: a.adminToken });

    // Refusals: problem+json naming the field.
    expect((await call('POST', '/api/v1/incidents', { ...staff, body: { title: 'x' } })).status).toBe(400);
    expect((await call('GET', '/api/v1/incidents')).status).toBe(401);
    expect((await call('GET', '/api/v1/users', dpo)).status).toBe(403);
    expect((await call('GET', '/api/v1/incidents/00000000-0000-7000-8000-000000000000', dpo)).status).toBe(404);
    expect((await call('PATCH', `/api/v1/incidents/${id}`, { ...staff, body: { title: 'Renamed' } })).status).toBe(428);
    const stale = await call('PATCH', `/api/v1/incidents/${id}`, { ...staff, headers: { 'if-match': '"1"' }, body: { title: 'Renamed' } });
    expect(stale.status).toBe(409);

    // Every family of the API was exercised.
    const families = [
      'incident',
      'obligation',
      'deadline',
      'notification',
      'assessment',
      'decision',
      'token',
      'user',
      'authorit',
      'register',
    ];
    expect(families.filter((f) => !checked.some((c) => c.toLowerCase().includes(f)))).toEqual([]);
    expect(checked.length).toBeGreaterThanOrEqual(45);
  });

  it('serves the interactive reference from this origin, under a Content-Security-Policy that allows nothing else', async () => {
    const page = await t.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.text).not.toMatch(/https?:\/\//);
    const scripts = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      '/api/docs/assets/favicon-32x32.png',
      '/api/docs/assets/swagger-ui.css',
      '/api/docs/assets/swagger-ui-bundle.js',
      '/api/docs/init.js',
    ]);
    for (const url of scripts) {
      const asset = await t.request('GET', url);
      expect({ url, status: asset.status }).toEqual({ url, status: 200 });
      expect(asset.text.length).toBeGreaterThan(100);
    }
    expect((await t.request('GET', '/api/docs/init.js')).text).toContain('"/api/v1/openapi.json"');
    expect((await t.request('GET', '/api/docs/assets/package.json')).status).toBe(404);
  });
});
