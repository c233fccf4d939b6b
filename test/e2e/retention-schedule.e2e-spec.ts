import { RETENTION_SCHEDULED_ACTION, RetentionScheduler } from '../../src/offboarding/retention.scheduler';
import { loadConfig } from '../../src/config/app-config';
import { decideNotToNotifyAndClose, fileReport, makeTenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// Scheduled retention (RETENTION_SCHEDULE): the latest slot of the schedule runs once across
// instances, by the injected clock; the log carries counts only.
describe('scheduled retention', () => {
  let t: TestApp;
  const env = { RETENTION_SCHEDULE: '30 2 * * *' };
  const claims = () =>
    t.dataSource.query(`SELECT changes -> 'slot' ->> 'to' AS slot FROM audit_event WHERE chain = 'system' AND action = $1 ORDER BY seq`, [
      RETENTION_SCHEDULED_ACTION,
    ]);

  beforeAll(async () => {
    t = await startTestApp({ env });
  });
  afterAll(() => t.close());

  it('runs each slot once, after the period has passed, and logs counts without the incident’s people', async () => {
    const a = await makeTenant(t);
    t.clock.set('2026-01-10T10:00:00Z');
    const contact = { name: 'Nora Nightly', email: 'nora@processor.example', phone: '+49 40 5550177' };
    const id = await fileReport(t, a, { contact });
    await decideNotToNotifyAndClose(t, a, id);
    const scheduler = t.get(RetentionScheduler);

    // 2031-01-10 02:30: the nightly slot, 1825 days and 16.5 hours after closing; nothing is due yet.
    t.clock.set('2031-01-10T04:00:00Z');
    expect((await scheduler.runIfDue())?.incidents).toEqual([]);
    expect(await scheduler.runIfDue()).toBeNull();
    t.clock.set('2031-01-11T02:29:00Z');
    expect(await scheduler.runIfDue()).toBeNull();
    // The next night's slot: past 1826 days.
    t.clock.set('2031-01-11T02:31:00Z');
    const ran = await scheduler.runIfDue();
    expect(ran?.incidents.map((i) => i.incidentId)).toEqual([id]);
    expect(await scheduler.runIfDue()).toBeNull();
    expect(await claims()).toEqual([{ slot: '2031-01-10T02:30:00.000Z' }, { slot: '2031-01-11T02:30:00.000Z' }]);
    const [row] = await t.dataSource.query(`SELECT contact_name FROM incident WHERE id = $1`, [id]);
    expect(row.contact_name).toBeNull();
    const logged = t.logs.filter((l) => JSON.stringify(l).includes('retention.scheduled_run'));
    expect(logged).toHaveLength(2);
    expect(logged[1]).toMatchObject({ slot: '2031-01-11T02:30:00.000Z', incidents: 1, auditValuesErased: ran!.incidents[0].auditValues });
    expect(JSON.stringify(t.logs)).not.toMatch(/Nora|nora@|5550177/);
  });

  it('two instances on one database: exactly one runs a slot', async () => {
    if (!t.databaseUrl) return expect(t.config.database.kind).toBe('pglite'); // the in-memory PGlite has one instance
    const second = await startTestApp({ databaseUrl: t.databaseUrl, clock: t.clock, env });
    try {
      t.clock.set('2031-01-12T03:00:00Z');
      const results = await Promise.all([t.get(RetentionScheduler).runIfDue(), second.get(RetentionScheduler).runIfDue()]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect((await claims()).filter((c: { slot: string }) => c.slot === '2031-01-12T02:30:00.000Z')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('RETENTION_SCHEDULE: off, or a cron expression; anything else stops the start naming the variable', () => {
    expect(loadConfig({ RETENTION_SCHEDULE: 'off' }).retentionSchedule).toBeNull();
    expect(loadConfig({}).retentionSchedule).toBe('30 2 * * *');
    for (const bad of ['nightly', '61 2 * * *', '0 2 * *']) {
      expect(() => loadConfig({ RETENTION_SCHEDULE: bad })).toThrow(/RETENTION_SCHEDULE/);
    }
  });
});
