// The embedded PGlite has one session. The app and the clients of its local socket take turns on
// it: whoever holds the lease has the session, first come first served, and a holder keeps it for a
// whole unit of work (the app) or until its transaction has ended (a socket client), so statements
// of two holders never interleave inside a transaction.
export type Holder = string;
export const APP_HOLDER: Holder = 'app';

// Called with the lease held, when the session passes from one holder to another (e.g. to swap the
// session settings each holder made).
export type Handover = (from: Holder, to: Holder) => Promise<void>;

export class SessionLease {
  private tail: Promise<void> = Promise.resolve();
  private last: Holder | null = null;
  private handover: Handover | null = null;

  onHandover(handover: Handover | null): void {
    this.handover = handover;
  }

  // Resolves once `holder` has the session; call the returned function to give it back.
  async acquire(holder: Holder): Promise<() => void> {
    let free!: () => void;
    const before = this.tail;
    this.tail = new Promise<void>((resolve) => (free = resolve));
    await before;
    try {
      if (this.handover && this.last !== null && this.last !== holder) await this.handover(this.last, holder);
      this.last = holder;
    } catch (error) {
      free();
      throw error;
    }
    let done = false;
    return () => {
      if (!done) free();
      done = true;
    };
  }

  async run<T>(holder: Holder, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(holder);
    try {
      return await work();
    } finally {
      release();
    }
  }
}
