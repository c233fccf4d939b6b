import { EscalationDispatcher } from '../../src/escalations/escalation-dispatcher.service';
import { TEST_ENGINE } from '../support/db';
import { fileOwnBreach, HOUR, world } from '../support/escalation-world';
import { TestSmtpServer } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const NOW = new Date('2025-06-10T12:00:00Z');
const BURSTS = 10;
const BURST = 24; // filings at once, half on each instance: 240 incidents, 480 T-1h mails

// Incidents filed 71.5 h after awareness (T-48h … T-1h all past at filing) in parallel bursts on
// two app instances sharing one PostgreSQL, while both dispatch to a real SMTP server without
// pause (many claims a second instead of one per second, so filings land between any two
// statements of a claim far more often than in production). Only T-1h may go out, once each.
describe('escalations: bursts of late filings on two instances', () => {
  jest.setTimeout(120_000);

  it('sends every T-1h mail exactly once and no superseded milestone', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // two instances need a shared PostgreSQL
    const smtp = new TestSmtpServer();
    await smtp.start();
    const clock = new TestClock(NOW);
    const a = await startTestApp({ clock, engine: 'postgres', env: { SMTP_URL: smtp.url, DATABASE_POOL_SIZE: '8' } });
    const b = await startTestApp({ clock, databaseUrl: a.databaseUrl, env: { SMTP_URL: smtp.url, DATABASE_POOL_SIZE: '8' } });
    try {
      const worlds = [await world(a), await world(a)];
      const aware = new Date(NOW.getTime() - 71.5 * HOUR).toISOString();
      let filing = true;
      const sentBy = new Map<TestApp, number>();
      const dispatchWhileFiling = async (app: TestApp) => {
        while (filing) {
          const r = await app.get(EscalationDispatcher).dispatchDue(clock.now());
          sentBy.set(app, (sentBy.get(app) ?? 0) + r.sent);
          await new Promise((resolve) => setImmediate(resolve));
        }
      };
      const dispatchers = [dispatchWhileFiling(a), dispatchWhileFiling(b)];
      const ids: string[] = [];
      try {
        for (let burst = 0; burst < BURSTS; burst++) {
          ids.push(
            ...(await Promise.all(
              Array.from({ length: BURST }, (_, i) =>
                fileOwnBreach(i % 2 ? b : a, worlds[(burst + i) % 2], aware, null, `Burst ${burst} filing ${i}`),
              ),
            )),
          );
        }
      } finally {
        filing = false;
        await Promise.all(dispatchers);
      }
      for (
        let r = await a.get(EscalationDispatcher).dispatchDue(NOW);
        r.claimed + r.skipped > 0;
        r = await a.get(EscalationDispatcher).dispatchDue(NOW)
      );

      const ours = new Set(ids);
      const mails = smtp.mails.filter((m) => ours.has(m.headers['x-breachclock-incident']));
      const recipients = worlds.flatMap((w) => [w.dpoEmail, w.contactEmail]);
      const byPerson = new Map<string, string[]>();
      for (const m of mails) {
        const key = `${m.headers['x-breachclock-incident']} ${m.to[0]}`;
        byPerson.set(key, [...(byPerson.get(key) ?? []), m.headers['x-breachclock-milestone']]);
      }
      const superseded = mails.filter((m) => m.headers['x-breachclock-milestone'] !== 'T-1h');
      const duplicates =
        mails.length -
        new Set(mails.map((m) => `${m.headers['x-breachclock-incident']} ${m.to[0]} ${m.headers['x-breachclock-milestone']}`)).size;
      expect({ superseded: superseded.length, duplicates }).toEqual({ superseded: 0, duplicates: 0 });
      expect([...byPerson.values()].every((milestones) => milestones.length === 1)).toBe(true);
      expect(mails).toHaveLength(2 * BURSTS * BURST);
      expect(new Set(mails.map((m) => m.headers['message-id'])).size).toBe(mails.length);
      expect(mails.every((m) => recipients.includes(m.to[0]))).toBe(true);
      // Both instances sent some of them.
      expect(sentBy.get(a)! + sentBy.get(b)!).toBeGreaterThan(0);
      expect(Math.min(sentBy.get(a) ?? 0, sentBy.get(b) ?? 0)).toBeGreaterThan(0);

      const rows: { milestone: string; status: string; n: number }[] = await a.dataSource.query(
        `SELECT milestone, status, count(*)::int AS n FROM escalation WHERE incident_id = ANY($1::uuid[]) GROUP BY 1, 2`,
        [ids],
      );
      const n = 2 * BURSTS * BURST;
      expect(Object.fromEntries(rows.map((r) => [`${r.milestone} ${r.status}`, r.n]))).toEqual({
        'T-48h skipped': n,
        'T-24h skipped': n,
        'T-12h skipped': n,
        'T-4h skipped': n,
        'T-1h sent': n,
        'T-0 pending': n,
      });
    } finally {
      await b.close();
      await a.close();
      await smtp.stop();
    }
  });
});
