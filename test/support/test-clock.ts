import { Clock } from '../../src/platform/clock/clock';

// A clock the test moves. Time only moves through set() and advance().
export class TestClock extends Clock {
  private current: Date;

  constructor(start: string | Date = '2025-06-06T12:00:00Z') {
    super();
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: string | Date): void {
    this.current = new Date(instant);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
