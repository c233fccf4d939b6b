import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { APP_HOLDER, SessionLease } from './session-lease';

interface Scope {
  manager: EntityManager;
  inTransaction: boolean;
}

// The one door to the database. Services call transaction() for writes and read() for reads;
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
    const current = this.scope.getStore();
    if (current?.inTransaction) return work(current.manager);
    const run = () => this.dataSource.transaction((tx) => this.scope.run({ manager: tx, inTransaction: true }, () => work(tx)));
    // Already holding the single session (inside read()): start the transaction without queueing.
    if (!this.singleSession || current) return run();
    return this.lease.run(APP_HOLDER, run);
  }

  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return work(current.manager);
    const manager = this.dataSource.manager;
    if (!this.singleSession) return work(manager);
    return this.lease.run(APP_HOLDER, () => this.scope.run({ manager, inTransaction: false }, () => work(manager)));
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
