// The clocks of Art. 33 GDPR, as pure functions of instants. Hours are calendar hours on UTC
// instants: nights, weekends, public holidays and DST changes never move a deadline
// (regulatory.md §7; Reg. 1182/71 Art. 3(4) does not apply to periods in hours).

export const DEADLINE_KINDS = ['processor_to_controller', 'authority'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const AUTHORITY_NOTICE_HOURS = 72;
const HOUR_MS = 3_600_000;

export type DeadlineState = 'running' | 'overdue' | 'met' | 'late' | 'stopped';

export interface ClockFacts {
  dueAt: Date;
  completedAt: Date | null; // the notification the clock asks for was made
  stoppedAt: Date | null; // decided, with reasons, that no notification is needed
}

export interface ClockView {
  dueAt: Date;
  // Whole seconds until dueAt (negative once overdue); null once the clock has ended.
  secondsLeft: number | null;
  state: DeadlineState;
}

// Art. 33(2) and the contract: the processor tells the controller within the contract's hours of discovery.
export function processorDueAt(discoveredAt: Date, noticeHours: number): Date {
  return new Date(discoveredAt.getTime() + noticeHours * HOUR_MS);
}

// Art. 33(1): 72 hours after the controller became aware, exact to the millisecond.
export function authorityDueAt(controllerAwareAt: Date): Date {
  return new Date(controllerAwareAt.getTime() + AUTHORITY_NOTICE_HOURS * HOUR_MS);
}

export function isOpen(clock: Pick<ClockFacts, 'completedAt' | 'stoppedAt'>): boolean {
  return clock.completedAt === null && clock.stoppedAt === null;
}

// Notified exactly at dueAt is met; one millisecond later is late (regulatory.md §9.1 item 4).
export function viewClock(clock: ClockFacts, now: Date): ClockView {
  const dueAt = clock.dueAt;
  if (clock.completedAt) {
    return { dueAt, secondsLeft: null, state: clock.completedAt.getTime() <= dueAt.getTime() ? 'met' : 'late' };
  }
  if (clock.stoppedAt) return { dueAt, secondsLeft: null, state: 'stopped' };
  const msLeft = dueAt.getTime() - now.getTime();
  return { dueAt, secondsLeft: Math.floor(msLeft / 1000), state: msLeft >= 0 ? 'running' : 'overdue' };
}

// "24h", "90m", "3d" → milliseconds; null when the text is not such a duration.
export function parseWithin(text: string): number | null {
  const match = /^(\d{1,4})(m|h|d)$/.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  const unit = match[2] === 'm' ? 60_000 : match[2] === 'h' ? HOUR_MS : 24 * HOUR_MS;
  return n * unit;
}
