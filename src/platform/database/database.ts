import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { APP_HOLDER, SessionLease } from './session-lease';

interface Scope {
  manager: EntityManager;
  inTransaction: boolean;
}

// The one door to the database. Services call transaction() for writes and read() for reads (which
// cannot write);
// repositories receive the EntityManager so a change and its audit event commit together.
// PGlite has a single session, so there every unit of work holds the session's lease (shared with
// the clients of the local socket, see local-socket.ts); PostgreSQL runs them concurrently on the pool.
export class Database {
  private readonly scope = new AsyncLocalStorage<Scope>();

  constructor(
    readonly dataSource: DataSource,
    private readonly singleSession: boolean,
    private readonly lease: SessionLease = new SessionLease(),
  ) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.begin(work);
  }

  // A bookkeeping write of its own, outside any unit of work (an outbox row finished after its mail
  // went out): a transaction like transaction(), kept apart so the claim's unit of work is only the claim.
  write<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.begin(work);
  }

  private begin<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current?.inTransaction) return work(current.manager);
    const run = () =>
      this.dataSource.transaction(async (tx) => {
        // On the single session a read has made read-only, a transaction it starts must write.
        if (this.singleSession && current) await tx.query('SET TRANSACTION READ WRITE');
        return this.scope.run({ manager: tx, inTransaction: true }, () => work(tx));
      });
    // Already holding the single session (inside read()): start the transaction without queueing.
    if (!this.singleSession || current) return run();
    return this.lease.run(APP_HOLDER, run);
  }

  // Reads run read-only: a write inside read() fails (writes go through transaction()). On
  // PostgreSQL a read is a READ ONLY transaction on one pooled connection; on PGlite's single
  // session, statements outside a transaction default to read-only while the read holds the lease.
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return work(current.manager);
    if (!this.singleSession) return this.readOnly(work);
    const manager = this.dataSource.manager;
    return this.lease.run(APP_HOLDER, async () => {
      await manager.query('SET default_transaction_read_only = on');
      try {
        return await this.scope.run({ manager, inTransaction: false }, () => work(manager));
      } finally {
        await manager.query('SET default_transaction_read_only = off');
      }
    });
  }

  private async readOnly<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    // One connection answers one statement at a time: reads that run queries side by side
    // (Promise.all) queue them here instead of on the pg client (deprecated there).
    const query = runner.query.bind(runner);
    let tail: Promise<unknown> = Promise.resolve();
    runner.query = ((...args: Parameters<typeof query>) => {
      const next = tail.then(() => query(...args));
      tail = next.catch(() => undefined);
      return next;
    }) as typeof runner.query;
    await runner.connect();
    try {
      await runner.query('BEGIN READ ONLY');
      try {
        const result = await this.scope.run({ manager: runner.manager, inTransaction: false }, () => work(runner.manager));
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.read((m) => m.query('SELECT 1'));
      return true;
    } catch {
      return false;
    }
  }
}
