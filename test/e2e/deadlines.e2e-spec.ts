import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;

describe('GET /api/v1/deadlines: open clocks, soonest first', () => {
  let t: TestApp;
  let tenant: Tenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await makeTenant(t, { noticeHours: 24 });
    t.clock.set('2025-06-06T11:59:00Z');
    ids.reported = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: fullReport(tenant.contractId, '2025-06-06T11:00:00Z'),
      })
    ).body.id; // due 2025-06-09T11:59Z
    t.clock.set('2025-06-06T12:00:00Z');
    const dpoOwn = (title: string, awareHoursAgo: number) =>
      t.request('POST', '/api/v1/incidents', {
        token: tenant.dpoToken,
        body: {
          title,
          nature: { description: title },
          discoveredAt: new Date(t.clock.now().getTime() - awareHoursAgo * HOUR).toISOString(),
        },
      });
    ids.fresh = (await dpoOwn('aware just now', 0)).body.id; // due in 72 h
    ids.older = (await dpoOwn('aware 60 h ago', 60)).body.id; // due in 12 h
    ids.overdue = (await dpoOwn('aware 80 h ago', 80)).body.id; // overdue by 8 h
    ids.middle = (await dpoOwn('aware 50 h ago', 50)).body.id; // due in 22 h
    ids.draft = (
      await t.request('POST', '/api/v1/incidents', {
        token: tenant.processorToken,
        body: {
          contractId: tenant.contractId,
          draft: true,
          title: 'draft',
          nature: { description: 'd' },
          discoveredAt: '2025-06-06T02:00:00Z',
        },
      })
    ).body.id; // processor clock due 2025-06-07T02:00Z
  });
  afterAll(() => t.close());

  it("lists the controller's open authority clocks soonest first, overdue ones on top", async () => {
    const res = await t.request('GET', '/api/v1/deadlines', { token: tenant.dpoToken });
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { incidentId: string }) => d.incidentId)).toEqual([
      ids.overdue,
      ids.older,
      ids.middle,
      ids.reported,
      ids.fresh,
    ]);
    expect(res.body.items[0]).toMatchObject({
      kind: 'authority',
      state: 'overdue',
      secondsLeft: -8 * 3600,
      dueAt: '2025-06-06T04:00:00.000Z',
      dueAtLocal: '2025-06-06T06:00:00+02:00',
    });
    expect(res.body.items[1]).toMatchObject({
      state: 'running',
      secondsLeft: 12 * 3600,
      reference: expect.stringMatching(/^BC-2025-/),
      title: 'aware 60 h ago',
      status: 'reported',
    });
    expect(res.body.items.every((d: { kind: string }) => d.kind === 'authority')).toBe(true);
  });

  it('filters to clocks due within a span, overdue included (?within=24h)', async () => {
    const res = await t.request('GET', '/api/v1/deadlines?within=24h', { token: tenant.dpoToken });
    expect(res.body.items.map((d: { incidentId: string }) => d.incidentId)).toEqual([ids.overdue, ids.older, ids.middle]);
    const narrow = await t.request('GET', '/api/v1/deadlines?within=90m', { token: tenant.dpoToken });
    expect(narrow.body.items.map((d: { incidentId: string }) => d.incidentId)).toEqual([ids.overdue]);
  });

  it("lists processor staff's open processor → controller clocks: drafts not yet reported", async () => {
    const res = await t.request('GET', '/api/v1/deadlines', { token: tenant.processorToken });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        incidentId: ids.draft,
        kind: 'processor_to_controller',
        dueAt: '2025-06-07T02:00:00.000Z',
        secondsLeft: 14 * 3600,
        state: 'running',
        status: 'draft',
      }),
    ]);
  });

  it('drops a clock from the list once its notification is made (the draft is submitted)', async () => {
    await t.request('POST', `/api/v1/incidents/${ids.draft}/submit`, { token: tenant.processorToken });
    const proc = await t.request('GET', '/api/v1/deadlines', { token: tenant.processorToken });
    expect(proc.body.items).toEqual([]);
    const dpo = await t.request('GET', '/api/v1/deadlines', { token: tenant.dpoToken });
    expect(dpo.body.items.map((d: { incidentId: string }) => d.incidentId)).toContain(ids.draft);
  });

  it('moves with the clock: the same list an hour later shows an hour less', async () => {
    const before = await t.request('GET', '/api/v1/deadlines', { token: tenant.dpoToken });
    t.clock.advance(HOUR);
    const after = await t.request('GET', '/api/v1/deadlines', { token: tenant.dpoToken });
    expect(after.body.items[1].secondsLeft).toBe(before.body.items[1].secondsLeft - 3600);
  });
});
