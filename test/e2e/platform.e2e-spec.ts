import { makeTenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('platform: health, problem+json, request ids and logs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /health answers 200 {"status":"ok"} without a token', async () => {
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await t.request('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'urn:breachclock:problem:route_not_found', title: 'Not Found', status: 404 });
  });

  it('logs one line per request with its request id, and never the bearer token', async () => {
    const tenant = await makeTenant(t);
    t.logs.length = 0;
    const res = await t.request('GET', '/api/v1/incidents', { token: tenant.dpoToken, headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    const lines = t.logs.filter((l) => l.event === 'http.request');
    expect(lines).toEqual([expect.objectContaining({ reqId: 'trace-abc-123', method: 'GET', route: '/api/v1/incidents', status: 200 })]);
    expect(JSON.stringify(t.logs)).not.toContain(tenant.dpoToken);
  });

  it('replaces a request id that is not a safe token with a generated one', async () => {
    const res = await t.request('GET', '/health', { headers: { 'x-request-id': 'evil\nid with spaces' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /health answers 503 when the database does not answer', async () => {
    // A second app of its own (on PostgreSQL: an in-memory PGlite is one per process).
    const other = await startTestApp({ engine: 'postgres' });
    await other.dataSource.destroy();
    const res = await other.request('GET', '/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable' });
    await other.close();
  });
});
