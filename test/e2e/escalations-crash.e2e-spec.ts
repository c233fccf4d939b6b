import type { ChildProcess } from 'node:child_process';
import { ContractsService } from '../../src/contracts/contracts.service';
import { CLI_ACTOR } from '../../src/identity/domain/actor';
import { IdentityService } from '../../src/identity/identity.service';
import { createTestDatabase, TEST_ENGINE } from '../support/db';
import { TestSmtpServer } from '../support/smtp';
import { spawnServer } from '../support/spawn-server';
import { startTestApp } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const HOUR = 3_600_000;

const stderr: string[] = [];

const server = (env: Record<string, string>): ChildProcess => spawnServer(env, stderr);

// The real server process, killed with SIGKILL while it is handing a mail to the SMTP server, then
// started again: nothing is lost, and a mail sent twice carries the same Message-ID.
describe('escalations survive a crash mid-dispatch', () => {
  jest.setTimeout(60_000);

  it('loses nothing when the process is killed between sending and marking sent', async () => {
    if (TEST_ENGINE === 'pglite') return void expect(TEST_ENGINE).toBe('pglite'); // needs a database two processes share
    const db = await createTestDatabase();
    const smtp = new TestSmtpServer();
    await smtp.start();
    const now = new Date(Date.now());
    const seed = await startTestApp({ databaseUrl: db.url, clock: new TestClock(now) });
    const children: ChildProcess[] = [];
    try {
      const identity = seed.get(IdentityService);
      await identity.createOrganization(
        { slug: 'crash-c', name: 'Crash Controller GmbH', kind: 'controller', country: 'DE', region: 'DE-HE' },
        CLI_ACTOR,
      );
      await identity.createOrganization(
        { slug: 'crash-p', name: 'Crash Processor GmbH', kind: 'processor', country: 'DE', region: 'DE-BW' },
        CLI_ACTOR,
      );
      const contract = await seed.get(ContractsService).create(
        {
          controllerSlug: 'crash-c',
          processorSlug: 'crash-p',
          reference: 'AVV crash',
          escalationContacts: [{ name: 'Iris', email: 'isb@crash.example' }],
        },
        CLI_ACTOR,
      );
      await identity.createUser({ organizationSlug: 'crash-c', email: 'dpo@crash.example', role: 'controller_dpo' }, CLI_ACTOR);
      const { token } = await identity.createToken('dpo@crash.example', CLI_ACTOR);
      // Aware 71.5 h ago: T-1h is due now for both recipients of each of ten incidents → 20 mails.
      const aware = new Date(now.getTime() - 71.5 * HOUR).toISOString();
      for (let i = 0; i < 10; i++) {
        const res = await seed.request('POST', '/api/v1/incidents', {
          token,
          body: {
            contractId: contract.id,
            title: `Crash ${i}`,
            nature: { description: 'x' },
            discoveredAt: aware,
            controllerAwareAt: aware,
          },
        });
        expect(res.status).toBe(201);
      }
      const expected: string[] = (await seed.dataSource.query(`SELECT message_id FROM escalation WHERE milestone = 'T-1h' ORDER BY 1`)).map(
        (r: { message_id: string }) => r.message_id,
      );
      expect(expected).toHaveLength(20);

      const env = {
        DATABASE_URL: db.url,
        SMTP_URL: smtp.url,
        PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
        LOG_LEVEL: 'warn',
        ESCALATIONS: 'on',
        ESCALATION_LEASE_MS: '1500',
        PUBLIC_URL: 'https://breachclock.test',
      };
      let killed = false;
      smtp.onMessage = async () => {
        if (killed) return;
        killed = true;
        children[0].kill('SIGKILL'); // the server has the mail; the sender never hears "250 OK"
        await new Promise((r) => children[0].once('exit', r));
      };
      children.push(server(env));
      const until = Date.now() + 20_000;
      while (!killed && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      if (!killed) throw new Error(`the server sent nothing: ${stderr.join('').slice(-2000)}`);
      // Other connections of the killed sender may still be finishing mails it had written in full;
      // let them land, then note which mails the server had before the restart.
      await new Promise((r) => setTimeout(r, 500));
      const beforeRestart = new Set(smtp.mails.map((m) => m.headers['message-id']));

      children.push(server(env));
      const deadline = Date.now() + 30_000;
      const distinct = () => new Set(smtp.mails.map((m) => m.headers['message-id']));
      while (distinct().size < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // Let the restarted server mark everything sent.
      const marked = async () =>
        (await seed.dataSource.query(`SELECT count(*)::int AS n FROM escalation WHERE milestone = 'T-1h' AND status = 'sent'`))[0].n;
      while ((await marked()) < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

      expect([...distinct()].sort()).toEqual(expected);
      expect(await marked()).toBe(20);
      const byId = new Map<string, number>();
      for (const m of smtp.mails) byId.set(m.headers['message-id'], (byId.get(m.headers['message-id']) ?? 0) + 1);
      const resent = [...byId.entries()].filter(([, n]) => n > 1).map(([id]) => id);
      // Only mails the server had received before the restart can arrive twice, at most once more each.
      expect(resent.length).toBeGreaterThanOrEqual(1);
      expect(resent.filter((id) => !beforeRestart.has(id))).toEqual([]);
      expect(Math.max(...byId.values())).toBe(2);
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
      await seed.close();
      await smtp.stop();
      await db.drop();
    }
  });
});
