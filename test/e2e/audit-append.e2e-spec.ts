import { Client } from 'pg';
import { AuditActor, AuditService } from '../../src/audit/audit.service';
import { chainKeyOf } from '../../src/audit/domain/audit-chain';
import { Database } from '../../src/platform/database/database';
import { fullReport, makeTenant, Tenant } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// Where a transaction's audit events join their chain: as its last statements, just before COMMIT,
// so a chain's head is locked only from the append to the commit (AuditService.recordAll).
const entry = (n: number) => ({
  action: 'test.recorded',
  entityType: 'test',
  entityId: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  changes: { n: { from: null, to: n } },
});

describe.each(['postgres', 'pglite'] as const)('audit append at the end of the transaction (%s)', (engine) => {
  let t: TestApp;
  let tenant: Tenant;
  let actor: AuditActor;
  let audit: AuditService;
  let db: Database;
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ engine });
    tenant = await makeTenant(t);
    actor = { label: 'user:test', userId: null, organizationId: tenant.processorId };
    audit = t.get(AuditService);
    db = t.get(Database);
  });
  afterAll(() => t.close());

  it('appends a transaction’s events only when its work is done, in the order recorded, with their place filled in', async () => {
    const seen = await db.transaction(async (tx) => {
      const first = await audit.record(tx, actor, entry(1));
      const [second, third] = await audit.recordAll(tx, actor, [entry(2), entry(3)]);
      // Recorded, not yet in the chain: the transaction itself does not see them stored.
      const stored = Number(
        (await tx.query(`SELECT count(*) AS n FROM audit_event WHERE id = ANY($1::uuid[])`, [[first.id, second.id]]))[0].n,
      );
      return { events: [first, second, third], stored, seqBefore: first.seq };
    });
    expect(seen.stored).toBe(0);
    expect(seen.seqBefore).toBe('');
    const [first, second, third] = seen.events;
    expect(first.chain).toBe(chainKeyOf(tenant.processorId));
    expect(second.prevHash).toBe(first.hash);
    expect(third.prevHash).toBe(second.hash);
    expect(BigInt(second.seq) - BigInt(first.seq)).toBe(1n);
    const rows: { id: string; seq: string; hash: string }[] = await t.dataSource.query(
      `SELECT id, seq::text AS seq, hash FROM audit_event WHERE id = ANY($1::uuid[]) ORDER BY seq`,
      [seen.events.map((e) => e.id)],
    );
    expect(rows).toEqual(seen.events.map((e) => ({ id: e.id, seq: e.seq, hash: e.hash })));
    const [{ head_hash }] = await t.dataSource.query(`SELECT head_hash FROM audit_chain WHERE chain = $1`, [first.chain]);
    expect(head_hash).toBe(third.hash);
    expect((await audit.verifyChain()).break).toBeNull();
  });

  it('appends nothing when the transaction fails after recording, and the chain goes on from where it was', async () => {
    const chain = chainKeyOf(tenant.processorId);
    const before = await count(`SELECT events AS n FROM audit_chain WHERE chain = $1`, [chain]);
    const recorded: string[] = [];
    await expect(
      db.transaction(async (tx) => {
        recorded.push((await audit.record(tx, actor, entry(4))).id);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count(`SELECT count(*) AS n FROM audit_event WHERE id = $1`, [recorded[0]])).toBe(0);
    expect(await count(`SELECT events AS n FROM audit_chain WHERE chain = $1`, [chain])).toBe(before);
    await db.transaction((tx) => audit.record(tx, actor, entry(5)));
    expect(await count(`SELECT events AS n FROM audit_chain WHERE chain = $1`, [chain])).toBe(before + 1);
    expect((await audit.verifyChain()).break).toBeNull();
  });

  it('appends the events of several chains in one transaction to each of them', async () => {
    const other: AuditActor = { ...actor, organizationId: tenant.controllerId };
    const events = await db.transaction(async (tx) => [
      await audit.record(tx, actor, entry(6)),
      await audit.record(tx, other, entry(7)),
      await audit.record(tx, actor, entry(8)),
    ]);
    expect(events.map((e) => e.chain)).toEqual([
      chainKeyOf(tenant.processorId),
      chainKeyOf(tenant.controllerId),
      chainKeyOf(tenant.processorId),
    ]);
    expect(events[2].prevHash).toBe(events[0].hash);
    expect(events.every((e) => e.seq !== '' && e.hash.length === 64)).toBe(true);
    expect((await audit.verifyChain()).break).toBeNull();
  });
});

describe('audit append: the chain head is locked only at the end (postgres)', () => {
  let t: TestApp;
  let tenant: Tenant;
  let holder: Client;
  beforeAll(async () => {
    t = await startTestApp({ engine: 'postgres' }); // row locks and pg_stat_activity: PostgreSQL only
    tenant = await makeTenant(t);
    holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end();
    await t.close();
  });

  it('leaves the head free while the transaction works, and a filing waits for a held head only at its append', async () => {
    const chain = chainKeyOf(tenant.processorId);
    const audit = t.get(AuditService);
    const actor = { label: 'user:test', userId: null, organizationId: tenant.processorId };
    await t.get(Database).transaction((tx) => audit.record(tx, actor, entry(10))); // the chain's head exists
    // While a transaction that has recorded an event is still working, another session can lock the head.
    await t.get(Database).transaction(async (tx) => {
      await audit.record(tx, actor, entry(9));
      await holder.query('BEGIN');
      const { rows } = await holder.query(`SELECT chain FROM audit_chain WHERE chain = $1 FOR UPDATE NOWAIT`, [chain]);
      expect(rows).toEqual([{ chain }]);
      await holder.query('ROLLBACK');
    });
    // With the head held elsewhere, a filing does all its other work and then waits at the append.
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM audit_chain WHERE chain = $1 FOR UPDATE`, [chain]);
    const filing = t.request('POST', '/api/v1/incidents', {
      token: tenant.processorToken,
      body: fullReport(tenant.contractId, '2025-03-03T09:00:00Z'),
    });
    let waiting: { pid: number; query: string }[] = [];
    for (let i = 0; i < 200 && waiting.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      // From a session of its own: pg_stat_activity is read once per transaction, and the holder is in one.
      waiting = await t.dataSource.query(
        `SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
    }
    // The append: its one statement linking from this app's last head (which moves the head), or the lock.
    expect(waiting.map((w) => w.query.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual([
      expect.stringMatching(/^(WITH head AS|INSERT INTO audit_chain)$/),
    ]);
    // By then it has written everything else: the incident, its duties and their escalation rows.
    const written: { table: string }[] = await t.dataSource.query(
      `SELECT relation::regclass::text AS table FROM pg_locks WHERE pid = $1 AND mode = 'RowExclusiveLock' AND locktype = 'relation'`,
      [waiting[0].pid],
    );
    expect(written.map((w) => w.table)).toEqual(expect.arrayContaining(['incident', 'obligation', 'escalation']));
    await holder.query('COMMIT');
    const res = await filing;
    expect(res.status).toBe(201);
    const trail = await t.request('GET', `/api/v1/incidents/${res.body.id}/audit`, { token: tenant.processorToken });
    expect(trail.body.items[0].action).toBe('incident.reported');
    expect((await audit.verifyChain()).break).toBeNull();
  });
});

describe('audit append: linking from the head this app last moved (postgres)', () => {
  let t: TestApp;
  let other: TestApp;
  let tenant: Tenant;
  let actor: AuditActor;
  const statements: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({ engine: 'postgres' });
    other = await startTestApp({ engine: 'postgres', databaseUrl: t.databaseUrl }); // a second instance
    tenant = await makeTenant(t);
    actor = { label: 'user:test', userId: null, organizationId: tenant.processorId };
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  // The append statements one transaction sends, by their first words (seen on the session's pg
  // client: the append's statements are prepared, so they bypass the query runner's query()).
  const appendOf = async (app: TestApp, n: number, fail = false) => {
    statements.length = 0;
    const db = app.get(Database);
    let restore = () => {};
    const work = db.transaction(async (tx) => {
      const client = (await tx.queryRunner!.connect()) as { query: (...a: unknown[]) => unknown };
      const query = client.query;
      restore = () => void (client.query = query);
      client.query = (...args: unknown[]) => {
        const [sql, ...rest] = args as [string | { text: string }, ...unknown[]];
        const words = (typeof sql === 'string' ? sql : sql.text).trim().split(/\s+/).slice(0, 3).join(' ');
        if (/^(WITH head AS|INSERT INTO audit_chain|WITH ins AS)$/.test(words)) statements.push(words);
        return query.call(client, sql, ...rest);
      };
      await app.get(AuditService).record(tx, actor, entry(n));
      if (fail) db.atCommit(tx, () => Promise.reject(new Error('fails after its append')));
    });
    try {
      if (fail) await expect(work).rejects.toThrow('fails after its append');
      else await work;
    } finally {
      restore();
    }
    return [...statements];
  };

  it('appends in one statement after its own last append, and finds a head another instance or a rolled back append moved', async () => {
    expect(await appendOf(t, 20)).toEqual(['INSERT INTO audit_chain', 'WITH ins AS']); // no guess yet: lock, append
    expect(await appendOf(t, 21)).toEqual(['WITH head AS']); // linked from its own last head
    expect(await appendOf(other, 22)).toEqual(['INSERT INTO audit_chain', 'WITH ins AS']);
    expect(await appendOf(t, 23)).toEqual(['WITH head AS', 'INSERT INTO audit_chain', 'WITH ins AS']); // moved by the other
    expect(await appendOf(t, 24, true)).toEqual(['WITH head AS']); // appended, then rolled back
    expect(await appendOf(t, 25)).toEqual(['WITH head AS', 'INSERT INTO audit_chain', 'WITH ins AS']);
    const chain = chainKeyOf(tenant.processorId);
    const stored: { entity_id: string }[] = await t.dataSource.query(
      `SELECT entity_id::text FROM audit_event WHERE chain = $1 AND action = 'test.recorded' ORDER BY seq`,
      [chain],
    );
    expect(stored.map((r) => Number(r.entity_id.slice(-12)))).toEqual([20, 21, 22, 23, 25]);
    expect((await t.get(AuditService).verifyChain()).break).toBeNull();
  });
});
