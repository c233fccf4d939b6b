import { Client } from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';
import { decideNotNotifiable, decideToNotify, fileOwnBreach, HOUR, mailsOf, world, World } from '../../test/support/escalation-world';
import { TestSmtpServer } from '../../test/support/smtp';
import { startTestApp, TestApp, TestResponse } from '../../test/support/test-app';
import { TestClock } from '../../test/support/test-clock';
import { Database } from '../platform/database/database';
import { execute } from '../platform/database/execute';
import { EscalationDispatcher } from './escalation-dispatcher.service';
import { CLAIM, EscalationsRepository } from './escalations.repository';

// The claim against every interleaving that matters: another instance commits a filing, a moved
// awareness, a reopened clock or an acknowledgement before each statement the dispatcher sends to
// claim due mails (a seam in its transactions, not timing luck). Whatever the point, nobody gets a
// milestone mail whose later milestone was already due when the mail was claimed.

const NOW = new Date('2025-06-10T12:00:00Z');
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Runs `before(n)` before the n-th statement (from 0) the dispatcher sends inside its transactions.
function seam(db: Database, before: (n: number) => Promise<void>): () => void {
  let n = 0;
  const original = db.transaction.bind(db);
  const hooked = (runner: QueryRunner): QueryRunner =>
    new Proxy(runner, {
      get(target, prop) {
        if (prop === 'query')
          return async (...args: unknown[]) => (await before(n++), (target.query as (...a: unknown[]) => unknown)(...args));
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const spy = jest.spyOn(db, 'transaction').mockImplementation(((work: (tx: EntityManager) => Promise<unknown>) =>
    original((tx) => {
      const runner = hooked(tx.queryRunner!);
      const manager: EntityManager = new Proxy(tx, {
        get(target, prop) {
          if (prop === 'queryRunner') return runner;
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(manager) : value;
        },
      });
      return work(manager);
    })) as Database['transaction']);
  return () => spy.mockRestore();
}

type Outcome = 'committed' | 'blocked' | 'after';

interface Scenario {
  name: string;
  // Prepares the clock of interest; the test clock ends at NOW.
  setup(a: TestApp, w: World): Promise<{ incidentId: string | null; ackPath?: string }>;
  // The other instance's change; returns the incident whose mails are checked.
  change(b: TestApp, w: World, s: { incidentId: string | null; ackPath?: string }): Promise<{ incidentId: string; response: TestResponse }>;
  // The milestones each recipient of that incident must have received in the end.
  expected(outcome: Outcome, w: World): Record<string, string[] | ((got: string[]) => boolean)>;
}

const scenarios: Scenario[] = [
  {
    name: 'a filing whose T-48h … T-1h are all past',
    setup: async () => ({ incidentId: null }),
    change: async (b, w) => {
      const incidentId = await fileOwnBreach(b, w, ago(71.5), null);
      return { incidentId, response: { status: 201 } as TestResponse };
    },
    expected: (_o, w) => ({ [w.dpoEmail]: ['T-1h'], [w.contactEmail]: ['T-1h'], [w.deputyEmail!]: ['T-1h'] }),
  },
  {
    name: 'a moved awareness that makes T-24h … T-1h due at once while T-24h is due',
    setup: async (a, w) => {
      const incidentId = await fileOwnBreach(a, w, ago(48.5), ago(48.5));
      a.clock.set(ago(24));
      await a.get(EscalationDispatcher).dispatchDue(a.clock.now()); // T-48h goes out on time
      a.clock.set(NOW);
      return { incidentId };
    },
    change: async (b, w, s) => {
      const current = await b.request('GET', `/api/v1/incidents/${s.incidentId}`, { token: w.dpoToken });
      const response = await b.request('PATCH', `/api/v1/incidents/${s.incidentId}`, {
        token: w.dpoToken,
        headers: { 'if-match': `"${current.body.version}"` },
        body: { controllerAwareAt: ago(71.5), discoveredAt: ago(71.5), reason: 'The processor had phoned a day earlier.' },
      });
      return { incidentId: s.incidentId!, response };
    },
    // Committed before the claim decided: only T-1h. Waiting on the claimed T-24h: that one was
    // rightly claimed (nothing later was due yet), then only T-1h.
    expected: (o, w) => {
      const later = o === 'committed' ? ['T-1h'] : ['T-24h', 'T-1h'];
      return { [w.dpoEmail]: ['T-48h', ...later], [w.contactEmail]: ['T-48h', ...later], [w.deputyEmail!]: later };
    },
  },
  {
    name: 'a clock reopened by a decision to notify after "not notifiable"',
    setup: async (a, w) => {
      const incidentId = await fileOwnBreach(a, w, ago(64), ago(64));
      a.clock.set(ago(40));
      await a.get(EscalationDispatcher).dispatchDue(a.clock.now()); // T-48h
      a.clock.set(ago(30));
      await decideNotNotifiable(a, w, incidentId);
      a.clock.set(NOW);
      return { incidentId };
    },
    change: async (b, w, s) => ({ incidentId: s.incidentId!, response: await decideToNotify(b, w, s.incidentId!) }),
    // Reopened at NOW: T-24h and T-12h are past, only T-12h goes out.
    expected: (_o, w) => ({ [w.dpoEmail]: ['T-48h', 'T-12h'], [w.contactEmail]: ['T-48h', 'T-12h'], [w.deputyEmail!]: ['T-12h'] }),
  },
  {
    name: "an acknowledgement while the deputies' T-24h is due",
    setup: async (a, w) => {
      const incidentId = await fileOwnBreach(a, w, ago(48.5), ago(48.5));
      a.clock.set(ago(24));
      await a.get(EscalationDispatcher).dispatchDue(a.clock.now());
      a.clock.set(NOW);
      return { incidentId, ackPath: ackPathFor(w.dpoEmail, incidentId) };
    },
    change: async (b, _w, s) => ({ incidentId: s.incidentId!, response: await b.request('POST', s.ackPath!) }),
    // Acknowledged before the claim: the deputy is never woken. Waiting on the claim: the deputy's
    // mail was rightly claimed, and is sent unless the acknowledgement is seen before sending.
    expected: (o, w) => ({
      [w.dpoEmail]: ['T-48h', 'T-24h'],
      [w.contactEmail]: ['T-48h', 'T-24h'],
      [w.deputyEmail!]: o === 'committed' ? [] : (got) => got.length <= 1 && got.every((m) => m === 'T-24h'),
    }),
  },
];

let smtp: TestSmtpServer;
let a: TestApp;
let b: TestApp;
let probe: Client;
const ackPathFor = (email: string, incidentId: string) => {
  const mail = mailsOf(smtp.mails, incidentId).find((m) => m.to[0] === email)!;
  return /https:\/\/breachclock\.test(\/ack\/\S+)/.exec(mail.text)![1];
};

// Two app instances on one PostgreSQL database, one SMTP server.
beforeAll(async () => {
  smtp = new TestSmtpServer();
  await smtp.start();
  const clock = new TestClock(NOW);
  a = await startTestApp({ clock, engine: 'postgres', env: { SMTP_URL: smtp.url } });
  b = await startTestApp({ clock, databaseUrl: a.databaseUrl, env: { SMTP_URL: smtp.url } });
  probe = new Client({ connectionString: a.databaseUrl });
  await probe.connect();
});
afterAll(async () => {
  await probe.end();
  await b.close();
  await a.close();
  await smtp.stop();
});

describe('claiming due escalations, with another instance committing between any two statements', () => {
  // The change either commits, or waits on a row lock the claim holds (then it commits after it).
  async function commitOrBlock(change: Promise<unknown>): Promise<Outcome> {
    let settled = false;
    void change.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 1000; i++) {
      if (settled) return 'committed';
      const { rows } = await probe.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (rows[0].n > 0) return 'blocked';
      await sleep(5);
    }
    throw new Error('the change neither committed nor waited for a lock');
  }

  const cases = scenarios.flatMap((s) => [0, 1, 2, 3].map((k) => [s.name, k, s] as const));
  it.each(cases)('%s, committed before statement %i of the claim', async (_name, k, scenario) => {
    a.clock.set(NOW);
    const w = await world(a, { deputies: true });
    const state = await scenario.setup(a, w);
    // Something else is due too, so the claim always has rows to lock and decide on.
    const other = await world(a);
    await fileOwnBreach(a, other, ago(30), null);
    a.clock.set(NOW);

    let outcome: Outcome = 'after';
    let change: ReturnType<Scenario['change']> | null = null;
    const restore = seam(a.get(Database), async (n) => {
      if (n !== k) return;
      change = scenario.change(b, w, state);
      outcome = await commitOrBlock(change);
    });
    try {
      await a.get(EscalationDispatcher).dispatchDue(NOW);
    } finally {
      restore();
    }
    const done = await (change ?? scenario.change(b, w, state));
    expect([200, 201]).toContain(done.response.status);
    await a.get(EscalationDispatcher).dispatchDue(NOW); // whatever is due after the change

    const mails = mailsOf(smtp.mails, done.incidentId);
    for (const [email, want] of Object.entries(scenario.expected(outcome, w))) {
      const got = mails.filter((m) => m.to[0] === email).map((m) => m.headers['x-breachclock-milestone']);
      if (typeof want === 'function') expect({ outcome, got, ok: want(got) }).toEqual({ outcome, got, ok: true });
      else expect({ outcome, email, got }).toEqual({ outcome, email, got: want });
    }
    expect(mails.filter((m) => !Object.keys(scenario.expected(outcome, w)).includes(m.to[0]))).toEqual([]);
    const ids = mails.map((m) => m.headers['message-id']);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the claim statement, with a re-plan committed after it began and before it locked the rows', () => {
  it('decides on the re-planned rows as they are now: superseded ones are skipped, not claimed', async () => {
    a.clock.set(ago(48.5));
    const w = await world(a);
    const id = await fileOwnBreach(a, w, ago(48.5), null); // T-48h due at NOW − 24.5 h, T-24h at NOW − 0.5 h
    a.clock.set(ago(24));
    await a.get(EscalationDispatcher).dispatchDue(a.clock.now());
    a.clock.set(NOW);
    const other = await world(a);
    const otherId = await fileOwnBreach(a, other, ago(30), null); // its T-48h is due: claimed either way

    // The claim statement as it is, made to wait on an advisory lock after it began (its snapshot
    // has T-24h due and nothing later) and before it locks any row; the test holds that lock until
    // the re-plan (awareness 23 h earlier: T-24h … T-1h all due) has committed.
    const paused = CLAIM.replace(
      /FROM escalation\n(\s+)WHERE status = 'pending'/,
      "FROM escalation, (SELECT pg_advisory_xact_lock_shared(4711)) AS pause\n$1WHERE status = 'pending'",
    );
    expect(paused).not.toBe(CLAIM);
    await probe.query('SELECT pg_advisory_lock(4711)');
    const claim = a
      .get(Database)
      .transaction((tx) =>
        execute<{ id: string; superseded: boolean }>(tx, paused, [
          NOW.toISOString(),
          500,
          new Date(NOW.getTime() + 60_000).toISOString(),
          'paused-instance',
        ]),
      );
    try {
      for (let i = 0; (await probe.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rowCount === 0; i++) {
        if (i > 400) throw new Error('the claim never reached the pause');
        await sleep(5);
      }
      const current = await b.request('GET', `/api/v1/incidents/${id}`, { token: w.dpoToken });
      const moved = await b.request('PATCH', `/api/v1/incidents/${id}`, {
        token: w.dpoToken,
        headers: { 'if-match': `"${current.body.version}"` },
        body: { controllerAwareAt: ago(71.5), discoveredAt: ago(71.5), reason: 'The processor had phoned a day earlier.' },
      });
      expect(moved.status).toBe(200);
    } finally {
      await probe.query('SELECT pg_advisory_unlock(4711)');
    }
    const { rows } = await claim;
    const decided = async (incidentId: string) => {
      const byId = new Map(rows.map((r) => [r.id, r.superseded ? 'skipped' : 'claimed']));
      const mine: { id: string; milestone: string }[] = await a.dataSource.query(
        `SELECT id, milestone FROM escalation WHERE incident_id = $1`,
        [incidentId],
      );
      return mine.filter((e) => byId.has(e.id)).map((e) => `${e.milestone} ${byId.get(e.id)}`);
    };
    expect(await decided(otherId)).toEqual(['T-48h claimed', 'T-48h claimed']);
    // The snapshot saw only T-24h due; the rows were locked as the re-plan left them.
    expect((await decided(id)).sort()).toEqual(['T-24h skipped', 'T-24h skipped']);

    await a.get(EscalationDispatcher).dispatchDue(NOW);
    expect(mailsOf(smtp.mails, id).map((m) => m.headers['x-breachclock-milestone'])).toEqual(['T-48h', 'T-48h', 'T-1h', 'T-1h']);
  });
});

describe('claims across a crash and a clock that ends while its mail is on the way', () => {
  it("decides a dead instance's claim again when its lease has run out: a later milestone due by then supersedes it", async () => {
    a.clock.set(ago(68.5));
    const w = await world(a);
    const id = await fileOwnBreach(a, w, ago(68.5), null); // due NOW + 3.5 h: T-4h at NOW − 0.5 h, T-1h at NOW + 2.5 h
    a.clock.set(NOW);
    // An instance claims the two T-4h mails and dies before sending them.
    const dead = await a
      .get(Database)
      .transaction((tx) => a.get(EscalationsRepository).claim(tx, NOW, new Date(NOW.getTime() + 60_000), 'dead-instance', 500));
    expect(dead.claimed.filter((e) => e.incidentId === id).map((e) => e.milestone)).toEqual(['T-4h', 'T-4h']);

    const later = new Date(NOW.getTime() + 3 * HOUR); // T-1h is due, and the lease is long gone
    a.clock.set(later);
    await a.get(EscalationDispatcher).dispatchDue(later);
    expect(mailsOf(smtp.mails, id).map((m) => m.headers['x-breachclock-milestone'])).toEqual(['T-1h', 'T-1h']);
    const rows = await a.dataSource.query(
      `SELECT milestone, status, attempts FROM escalation WHERE incident_id = $1 AND milestone IN ('T-4h', 'T-1h') ORDER BY 1, 2`,
      [id],
    );
    expect(rows).toEqual([
      { milestone: 'T-1h', status: 'sent', attempts: 1 },
      { milestone: 'T-1h', status: 'sent', attempts: 1 },
      { milestone: 'T-4h', status: 'skipped', attempts: 1 },
      { milestone: 'T-4h', status: 'skipped', attempts: 1 },
    ]);
  });

  it('records a mail as sent when its clock ended while it was on the way, and a reopened clock does not send it again', async () => {
    a.clock.set(NOW);
    const w = await world(a);
    const id = await fileOwnBreach(a, w, ago(24), null); // T-48h due now
    // While the SMTP server takes the first T-48h mail, the other instance stops the clock.
    let stopped: true | Error | false = false;
    smtp.onMessage = async (mail) => {
      if (stopped || mail.headers['x-breachclock-incident'] !== id) return;
      stopped = await decideNotNotifiable(b, w, id).then(
        () => true as const,
        (error: Error) => error,
      );
    };
    try {
      await a.get(EscalationDispatcher).dispatchDue(a.clock.now());
    } finally {
      smtp.onMessage = undefined;
    }
    expect(stopped).toBe(true);
    const statuses = async () =>
      (await a.dataSource.query(`SELECT status FROM escalation WHERE incident_id = $1 AND milestone = 'T-48h'`, [id])).map(
        (r: { status: string }) => r.status,
      );
    expect(await statuses()).toEqual(['sent', 'sent']);

    expect((await decideToNotify(b, w, id)).status).toBe(201);
    await a.get(EscalationDispatcher).dispatchDue(a.clock.now());
    expect(mailsOf(smtp.mails, id).map((m) => m.headers['x-breachclock-milestone'])).toEqual(['T-48h', 'T-48h']);
    expect(await statuses()).toEqual(['sent', 'sent']);
  });
});
