import { randomFillSync, randomInt } from 'node:crypto';
import { v7 } from 'uuid';
import { Clock } from '../clock/clock';

// UUIDv7 ids made by the app (PGlite has no uuid-ossp); time-ordered, so the clock feeds them.
export abstract class IdGenerator {
  abstract next(): string;
}

// Ids from one process sort in the order they were made, also within one millisecond and when a
// test clock is set back: the 32-bit sequence field counts up from a random start.
export class UuidV7Generator extends IdGenerator {
  private lastMs = -1;
  private seq = 0;
  // Random bytes drawn 4 KiB at a time: one call to the system's generator per 256 ids, not per id
  // (a batch makes a hundred thousand ids).
  private readonly pool = new Uint8Array(4096);
  private used = this.pool.length;

  constructor(private readonly clock: Clock) {
    super();
  }

  next(): string {
    const ms = this.clock.now().getTime();
    if (ms > this.lastMs) {
      this.lastMs = ms;
      this.seq = randomInt(0, 0x7fffffff);
    } else {
      this.seq += 1;
      if (this.seq > 0xffffffff) {
        this.lastMs += 1;
        this.seq = 0;
      }
    }
    if (this.used === this.pool.length) {
      randomFillSync(this.pool);
      this.used = 0;
    }
    const random = this.pool.subarray(this.used, (this.used += 16));
    return v7({ msecs: this.lastMs, seq: this.seq, random });
  }
}
