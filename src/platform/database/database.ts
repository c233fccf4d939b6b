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
  // Per transaction begun here: work to run as its last statements, just before COMMIT (atCommit).
  private readonly commitWork = new WeakMap<EntityManager, (() => Promise<void>)[]>();

  constructor(
    readonly dataSource: DataSource,
    private readonly singleSession: boolean,
    private readonly lease: SessionLease = new SessionLease(),
    // PostgreSQL: a second pool whose sessions are read-only (buildReadOnlyDataSource).
    private readonly readSource: DataSource | null = null,
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
        const last: (() => Promise<void>)[] = [];
        this.commitWork.set(tx, last);
        return this.scope.run({ manager: tx, inTransaction: true }, async () => {
          try {
            const result = await work(tx);
            // What was left for the end (it may leave more): still inside the transaction, so it
            // commits with the work or not at all.
            for (let next = last.shift(); next; next = last.shift()) await next();
            return result;
          } finally {
            this.commitWork.delete(tx);
          }
        });
      });
    // Already holding the single session (inside read()): start the transaction without queueing.
    if (!this.singleSession || current) return run();
    return this.lease.run(APP_HOLDER, run);
  }

  // Runs `work` as the last statements of this transaction, after the caller's work and just before
  // COMMIT, in the order given (the audit trail appends its events there, so a chain's head stays
  // locked only for the append and the commit). False for a transaction not begun by transaction()
  // or write(): the caller then does its work at once.
  atCommit(tx: EntityManager, work: () => Promise<void>): boolean {
    const last = this.commitWork.get(tx);
    if (!last) return false;
    last.push(work);
    return true;
  }

  // Reads run read-only: a write inside read() fails (writes go through transaction()). On
  // PostgreSQL a read uses the read-only pool (its sessions default to read-only transactions), so it
  // costs no round trip of its own; on PGlite's single session, statements outside a transaction
  // default to read-only while the read holds the lease.
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return work(current.manager);
    if (!this.singleSession) {
      const manager = (this.readSource ?? this.dataSource).manager;
      return this.scope.run({ manager, inTransaction: false }, () => work(manager));
    }
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

  // Both pools answer: the one writes go through and, on PostgreSQL, the read-only one.
  async ping(): Promise<boolean> {
    try {
      const sources = [this.dataSource, ...(this.readSource ? [this.readSource] : [])];
      if (sources.some((s) => !s.isInitialized)) return false;
      if (this.singleSession) await this.read((m) => m.query('SELECT 1'));
      else await Promise.all(sources.map((s) => s.query('SELECT 1')));
      return true;
    } catch {
      return false;
    }
  }
}
