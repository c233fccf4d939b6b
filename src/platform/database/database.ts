import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

interface Scope {
  manager: EntityManager;
  inTransaction: boolean;
}

class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

// The one door to the database. Services call transaction() for writes and read() for reads;
// repositories receive the EntityManager so a change and its audit event commit together.
// PGlite has a single session, so there every unit of work is serialised; PostgreSQL runs them
// concurrently on the pool.
export class Database {
  private readonly scope = new AsyncLocalStorage<Scope>();
  private readonly mutex = new Mutex();

  constructor(
    readonly dataSource: DataSource,
    private readonly singleSession: boolean,
  ) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current?.inTransaction) return work(current.manager);
    const run = () => this.dataSource.transaction((tx) => this.scope.run({ manager: tx, inTransaction: true }, () => work(tx)));
    // Already holding the single session (inside read()): start the transaction without queueing.
    if (!this.singleSession || current) return run();
    return this.mutex.run(run);
  }

  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return work(current.manager);
    const manager = this.dataSource.manager;
    if (!this.singleSession) return work(manager);
    return this.mutex.run(() => this.scope.run({ manager, inTransaction: false }, () => work(manager)));
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
