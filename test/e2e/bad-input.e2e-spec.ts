import fc from 'fast-check';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// Bad input never changes anything and never causes a 500: every refusal is a 4xx
// application/problem+json naming the fields, and the row counts stay as they were.
describe('bad input', () => {
  let t: TestApp;
  let tenant: Tenant;
  let existingId: string;

  const counts = async () => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM incident)::int AS incidents, (SELECT count(*) FROM obligation)::int AS obligations,
              (SELECT count(*) FROM audit_event)::int AS audit, (SELECT count(*) FROM escalation)::int AS escalations`,
    );
    return row;
  };
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    t.request('POST', '/api/v1/incidents', { token: tenant.processorToken, body, headers });
  const paths = (res: { body: { errors?: { path: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.path))].sort();
  const valid = () => fullReport(tenant.contractId, '2025-06-06T09:00:00Z');

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    t.clock.set('2025-06-06T12:00:00Z');
    existingId = (await post(valid())).body.id;
  });
  afterAll(() => t.close());

  async function refused(
    send: () => Promise<{ status: number; headers: Record<string, unknown>; body: any }>,
    status: number,
    fields?: string[],
  ) {
    const before = await counts();
    const res = await send();
    expect(res.status).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      type: expect.stringMatching(/^urn:breachclock:problem:/),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    });
    if (fields) expect(paths(res)).toEqual([...fields].sort());
    expect(await counts()).toEqual(before);
    return res;
  }

  it('names every wrong type, bad enum and unknown field, nested ones by their path', async () => {
    const body = {
      ...valid(),
      title: 42,
      nature: { description: 'x', types: ['confidentiality', 'secrecy'], cause: 'aliens', severity: 'high' },
      approximateSubjects: { count: -1, isEstimate: 'yes' },
      approximateRecords: { count: 1.5, isEstimate: true },
      contact: { name: 'A', email: 'not-an-email', foo: 1 },
      specialCategories: ['health', 'shoe_size'],
      affectedCountries: ['Germany'],
      isPriority: true,
    };
    await refused(() => post(body), 400, [
      'title',
      'nature.types',
      'nature.cause',
      'nature.severity',
      'approximateSubjects.count',
      'approximateSubjects.isEstimate',
      'approximateRecords.count',
      'contact.email',
      'contact.foo',
      'specialCategories',
      'affectedCountries',
      'isPriority',
    ]);
  });

  it('refuses malformed JSON, non-object bodies, oversized bodies and other media types', async () => {
    const malformed = await refused(
      () =>
        t.request('POST', '/api/v1/incidents', {
          token: tenant.processorToken,
          rawBody: '{"title": ',
          headers: { 'content-type': 'application/json' },
        }),
      400,
    );
    expect(malformed.body.type).toBe('urn:breachclock:problem:malformed_json');
    for (const body of [[valid()], 'a string', null, 7]) {
      await refused(
        () =>
          t.request('POST', '/api/v1/incidents', {
            token: tenant.processorToken,
            rawBody: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          }),
        400,
      );
    }
    const big = { ...valid(), likelyConsequences: 'x'.repeat(1024 * 1024) };
    const tooLarge = await refused(() => post(big), 413);
    expect(tooLarge.body.type).toBe('urn:breachclock:problem:body_too_large');
    await refused(
      () =>
        t.request('POST', '/api/v1/incidents', {
          token: tenant.processorToken,
          rawBody: '<incident/>',
          headers: { 'content-type': 'application/xml' },
        }),
      415,
    );
  });

  it('refuses instants without an offset (T12), impossible dates and discovery in the future', async () => {
    await refused(() => post({ ...valid(), discoveredAt: '2025-06-06T17:42:10' }), 400, ['discoveredAt']);
    await refused(() => post({ ...valid(), occurredAt: '2025-02-30T10:00:00Z', discoveredAt: '2025-06-06T10:00:00Z' }), 400, [
      'occurredAt',
    ]);
    await refused(() => post({ ...valid(), discoveredAt: '2025-06-06T12:05:00Z', occurredAt: null }), 400, ['discoveredAt']);
    await refused(() => post({ ...valid(), occurredAt: '2025-06-06T10:00:00Z', discoveredAt: '2025-06-06T09:00:00Z' }), 400, [
      'occurredAt',
    ]);
    await refused(() => post({ ...valid(), occurredFrom: '2025-06-01T00:00:00Z' }), 400, ['occurredAt']);
    await refused(() => post({ ...valid(), title: undefined, nature: undefined, discoveredAt: undefined }), 400, [
      'discoveredAt',
      'nature',
      'title',
    ]);
  });

  it('refuses bad ids, versions and query parameters', async () => {
    await refused(() => t.request('GET', '/api/v1/incidents/not-a-uuid', { token: tenant.dpoToken }), 400, ['id']);
    await refused(() => t.request('PATCH', `/api/v1/incidents/${existingId}`, { token: tenant.dpoToken, body: { title: 'x' } }), 428);
    const stale = await refused(
      () =>
        t.request('PATCH', `/api/v1/incidents/${existingId}`, {
          token: tenant.dpoToken,
          headers: { 'if-match': '"7"' },
          body: { title: 'x' },
        }),
      409,
    );
    expect(stale.body.currentVersion).toBe(1);
    await refused(
      () =>
        t.request('PATCH', `/api/v1/incidents/${existingId}`, {
          token: tenant.dpoToken,
          headers: { 'if-match': 'yesterday' },
          body: { title: 'x' },
        }),
      400,
      ['If-Match'],
    );
    await refused(
      () =>
        t.request('PATCH', `/api/v1/incidents/${existingId}`, {
          token: tenant.dpoToken,
          headers: { 'if-match': '"1"' },
          body: { title: null },
        }),
      400,
      ['title'],
    );
    await refused(() => t.request('GET', '/api/v1/deadlines?within=banana', { token: tenant.dpoToken }), 400, ['within']);
    await refused(() => t.request('GET', '/api/v1/incidents?limit=0', { token: tenant.dpoToken }), 400, ['limit']);
    await refused(() => t.request('GET', '/api/v1/incidents?limit=101', { token: tenant.dpoToken }), 400, ['limit']);
    await refused(() => t.request('GET', '/api/v1/incidents?cursor=abcdefghijklmnop', { token: tenant.dpoToken }), 400, ['cursor']);
    await refused(() => t.request('GET', '/api/v1/incidents?sort=title', { token: tenant.dpoToken }), 400, ['sort']);
  });

  // Generated junk: every body below is invalid by construction (each lacks a valid discoveredAt
  // or carries a field the API does not know), so the only right answer is a 4xx and no rows.
  it('answers generated junk with 4xx only and never creates a row (fast-check)', async () => {
    const before = await counts();
    const junkValue = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.dictionary(fc.string(), fc.string()),
    );
    const fieldNames = [
      'title',
      'nature',
      'discoveredAt',
      'occurredAt',
      'approximateSubjects',
      'contact',
      'dataCategories',
      'specialCategories',
      'contractId',
      'draft',
      'affectedCountries',
    ];
    const bodies = fc.oneof(
      // anything at all as JSON, without a valid discoveredAt
      fc.jsonValue().map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...v, discoveredAt: 'not a time' } : v)),
      // the real field names with junk values, discoveredAt always junk
      fc.record(Object.fromEntries(fieldNames.map((f) => [f, junkValue])), { requiredKeys: [] }).map((r) => ({ ...r, discoveredAt: 12 })),
      // a valid report with one field replaced by junk plus an unknown field
      fc
        .tuple(
          fc.constantFrom(...fieldNames),
          junkValue,
          fc.string({ minLength: 1 }).filter((k) => !fieldNames.includes(k) && !(k in valid())),
        )
        .map(([f, v, extra]) => ({ ...valid(), [f]: v, [extra]: true })),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await t.request('POST', '/api/v1/incidents', {
          token: tenant.processorToken,
          rawBody: JSON.stringify(body) ?? 'null',
          headers: { 'content-type': 'application/json' },
        });
        return res.status >= 400 && res.status < 500 && String(res.headers['content-type']).includes('application/problem+json');
      }),
      { numRuns: 250, seed: 20261122 },
    );
    expect(await counts()).toEqual(before);
  });
});
