import { IncidentBatchRunner } from '../../src/incidents/batches/incident-batch.runner';
import { addCustomer, Customer, fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const DISCOVERED = '2025-06-06T08:00:00Z';

function intake(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const report = fullReport(undefined, DISCOVERED, overrides);
  delete report.contractId;
  return report;
}

// A batch kept as ONE draft until submitted ("incident.draft": true, then POST …/submit), as a single
// report's draft: nothing reaches a controller, no clock runs, and its facts and selection can change.
describe('draft batches: one draft for many contracts until submitted', () => {
  let t: TestApp;
  let tenant: Tenant;
  let customers: Customer[];
  let runner: IncidentBatchRunner;

  const post = (body: unknown, token = tenant.processorToken) => t.request('POST', '/api/v1/incidents/batches', { token, body });
  const get = (id: string, token = tenant.processorToken) => t.request('GET', `/api/v1/incidents/batches/${id}`, { token });
  const patch = (id: string, body: unknown, token = tenant.processorToken) =>
    t.request('PATCH', `/api/v1/incidents/batches/${id}`, { token, body });
  const submit = (id: string, token = tenant.processorToken) => t.request('POST', `/api/v1/incidents/batches/${id}/submit`, { token });
  const drafts = async (token = tenant.processorToken) =>
    (await t.request('GET', '/api/v1/incidents/batches/drafts', { token })).body.items as { id: string; title: string; total: number }[];
  const count = async (sql: string, params: unknown[]) => Number((await t.dataSource.query(sql, params))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t);
    customers = [await addCustomer(t, tenant), await addCustomer(t, tenant), await addCustomer(t, tenant)];
    runner = t.get(IncidentBatchRunner);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2025-06-06T12:00:00Z'));

  it('keeps a draft batch as one draft: no incident, no clock, no mail, nothing a controller sees', async () => {
    const incidentsBefore = await count(`SELECT count(*)::int AS n FROM incident`, []);
    const outboxBefore = await count(`SELECT count(*)::int AS n FROM escalation`, []);
    const res = await post({ contracts: 'all', incident: intake({ title: 'Mailer breach (draft)', draft: true }) });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/api/v1/incidents/batches/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'draft', total: 4, created: 0, failed: 0, contracts: 'all' });
    expect(res.body.incident).toMatchObject({ title: 'Mailer breach (draft)' });
    expect(res.body.incident.draft).toBeUndefined();

    expect(await runner.runPending()).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM incident`, [])).toBe(incidentsBefore);
    expect(await count(`SELECT count(*)::int AS n FROM escalation`, [])).toBe(outboxBefore);
    expect(
      await count(`SELECT count(*)::int AS n FROM incident_batch WHERE id = $1 AND cardinality(contract_ids) = 0`, [res.body.id]),
    ).toBe(1);
    const listed = await drafts();
    expect(listed.filter((d) => d.id === res.body.id)).toEqual([
      { id: res.body.id, title: 'Mailer breach (draft)', total: 4, updatedAt: '2025-06-06T12:00:00.000Z' },
    ]);
    // Controllers see nothing of it; another processor neither.
    const dpo = await t.request('GET', '/api/v1/incidents?limit=100', { token: customers[0].dpoToken });
    expect(dpo.body.items.filter((i: { title: string }) => i.title === 'Mailer breach (draft)')).toEqual([]);
    expect((await get(res.body.id, customers[0].dpoToken)).status).toBe(404);
    const stranger = await makeTenant(t);
    expect((await get(res.body.id, stranger.processorToken)).status).toBe(404);
    expect((await submit(res.body.id, stranger.processorToken)).status).toBe(404);
    expect(await drafts(stranger.processorToken)).toEqual([]);
    expect((await submit(res.body.id, customers[0].dpoToken)).status).toBe(403);
    // A draft is not resumed: it is submitted.
    expect((await t.request('POST', `/api/v1/incidents/batches/${res.body.id}/resume`, { token: tenant.processorToken })).status).toBe(409);
  });

  it('edits a draft (facts and selection), refuses bad edits naming the field, and files it when submitted', async () => {
    const res = await post({ contracts: 'all', incident: intake({ title: 'First title', draft: true }) });
    t.clock.set('2025-06-06T12:30:00Z');
    const edited = await patch(res.body.id, {
      title: 'Mailer breach: recipients exposed',
      measuresTaken: null,
      contracts: [customers[0].contractId, customers[1].contractId],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: res.body.id, updated: [], unchanged: [], skipped: [] });
    expect(edited.body.batch).toMatchObject({
      status: 'draft',
      total: 2,
      contracts: [customers[0].contractId, customers[1].contractId],
      updatedAt: '2025-06-06T12:30:00.000Z',
    });
    expect(edited.body.batch.incident).toMatchObject({
      title: 'Mailer breach: recipients exposed',
      likelyConsequences: expect.any(String),
    });
    expect(edited.body.batch.incident.measuresTaken).toBeUndefined();

    const stranger = await makeTenant(t);
    const refused: [unknown, string][] = [
      [{ discoveredAt: '2025-06-07T08:00:00Z' }, 'discoveredAt'],
      [{ title: null }, 'title'],
      [{ contracts: [stranger.contractId] }, 'contracts.0'],
      [{ contracts: [] }, 'contracts'],
      [{ nope: 1 }, 'nope'],
    ];
    for (const [body, path] of refused) {
      const bad = await patch(res.body.id, body);
      expect({ path, status: bad.status, type: bad.headers['content-type'] }).toEqual({
        path,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await get(res.body.id)).body).toMatchObject({
      status: 'draft',
      total: 2,
      incident: { title: 'Mailer breach: recipients exposed' },
    });

    t.clock.set('2025-06-06T13:00:00Z');
    const sent = await submit(res.body.id);
    expect(sent.status).toBe(202);
    expect(sent.headers.location).toBe(`/api/v1/incidents/batches/${res.body.id}`);
    expect(sent.body).toMatchObject({ status: 'pending', total: 2, created: 0 });
    expect((await drafts()).map((d) => d.id)).not.toContain(res.body.id);
    await runner.runPending();
    expect((await get(res.body.id)).body).toMatchObject({ status: 'completed', total: 2, created: 2, failed: 0 });
    const items = (await t.request('GET', `/api/v1/incidents?batch=${res.body.id}`, { token: tenant.processorToken })).body.items;
    expect(items.map((i: { contractId: string }) => i.contractId).sort()).toEqual(
      [customers[0].contractId, customers[1].contractId].sort(),
    );
    for (const item of items) {
      // Submitted reports, not drafts: the controller's clock runs from the submission.
      expect(item).toMatchObject({
        status: 'reported',
        title: 'Mailer breach: recipients exposed',
        reportedToControllerAt: '2025-06-06T13:00:00.000Z',
      });
      const seen = await t.request('GET', `/api/v1/incidents/${item.id}`, {
        token: customers.find((c) => c.contractId === item.contractId)!.dpoToken,
      });
      expect(seen.status).toBe(200);
    }

    // Once submitted it is no draft: no second submission, no new selection, no discarding.
    expect((await submit(res.body.id)).status).toBe(409);
    const reselect = await patch(res.body.id, { contracts: 'all' });
    expect(reselect.status).toBe(400);
    expect(reselect.body.errors).toEqual([{ path: 'contracts', message: 'can change only while the batch is a draft' }]);
    expect((await t.request('DELETE', `/api/v1/incidents/batches/${res.body.id}`, { token: tenant.processorToken })).status).toBe(409);
    expect((await get(res.body.id)).body).toMatchObject({ status: 'completed', created: 2 });

    // Its follow-ups carry their reason into each report's audit event.
    const followUp = await patch(res.body.id, { measuresTaken: 'Keys rotated.', reason: 'The mailer vendor confirmed the scope.' });
    expect(followUp.status).toBe(200);
    expect(followUp.body.updated).toHaveLength(2);
    expect(followUp.body.batch).toMatchObject({ id: res.body.id, status: 'completed' });
    for (const item of items) {
      const audit = await t.request('GET', `/api/v1/incidents/${item.id}/audit`, { token: tenant.processorToken });
      const updated = audit.body.items.filter((e: { action: string }) => e.action === 'incident.updated');
      expect(updated.map((e: { reason: string }) => e.reason)).toEqual(['The mailer vendor confirmed the scope.']);
    }
  });

  it('submits a draft for the contracts its selection names then, not when it was saved', async () => {
    const res = await post({ contracts: 'all', incident: intake({ title: 'Selection grows', draft: true }) });
    expect(res.body.total).toBe(4);
    const late = await addCustomer(t, tenant);
    const sent = await submit(res.body.id);
    expect(sent.body).toMatchObject({ status: 'pending', total: 5 });
    await runner.runPending();
    const items = (await t.request('GET', `/api/v1/incidents?batch=${res.body.id}&limit=100`, { token: tenant.processorToken })).body.items;
    expect(items.map((i: { contractId: string }) => i.contractId)).toContain(late.contractId);
    expect(items).toHaveLength(5);
    customers.push(late);
  });

  it('discards a draft: gone from the list, 404 afterwards, nothing filed', async () => {
    const res = await post({ contracts: 'all', incident: intake({ title: 'Thrown away', draft: true }) });
    expect((await t.request('DELETE', `/api/v1/incidents/batches/${res.body.id}`, { token: customers[0].dpoToken })).status).toBe(403);
    const gone = await t.request('DELETE', `/api/v1/incidents/batches/${res.body.id}`, { token: tenant.processorToken });
    expect(gone.status).toBe(204);
    expect((await get(res.body.id)).status).toBe(404);
    expect((await drafts()).map((d) => d.id)).not.toContain(res.body.id);
    expect((await submit(res.body.id)).status).toBe(404);
    expect(await count(`SELECT count(*)::int AS n FROM incident WHERE title = 'Thrown away'`, [])).toBe(0);
  });

  it('refuses a draft whose facts the intake rules refuse, as a batch to file now', async () => {
    const bad = await post({ contracts: 'all', incident: intake({ title: undefined, draft: true }) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('incident.title');
    const wrongType = await post({ contracts: 'all', incident: intake({ draft: 'yes' }) });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors.map((e: { path: string }) => e.path)).toContain('incident.draft');
  });
});
