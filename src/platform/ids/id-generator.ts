import { v7 } from 'uuid';
import { Clock } from '../clock/clock';

// UUIDv7 ids made by the app (PGlite has no uuid-ossp); time-ordered, so the clock feeds them.
export abstract class IdGenerator {
  abstract next(): string;
}

export class UuidV7Generator extends IdGenerator {
  constructor(private readonly clock: Clock) {
    super();
  }

  next(): string {
    return v7({ msecs: this.clock.now().getTime() });
  }
}
