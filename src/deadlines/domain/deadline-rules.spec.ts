import { toZonedIso } from '../../platform/clock/zoned-time';
import { authorityDueAt, parseWithin, processorDueAt, viewClock } from './deadline-rules';

// The clock scenarios of regulatory.md §10.2. Deadlines are computed on UTC instants.
const at = (iso: string) => new Date(iso);
const SECOND = 1000;

describe('authority deadline: controllerAwareAt + 72 h (Art. 33(1))', () => {
  it('T1: counts the weekend — aware Friday 15:42:10Z, due Monday 15:42:10Z', () => {
    expect(authorityDueAt(at('2025-06-06T15:42:10Z')).toISOString()).toBe('2025-06-09T15:42:10.000Z');
  });

  it('T2: DST start never moves it — due 2025-03-31T09:15Z, shown as 11:15 CEST (73 h on the wall clock)', () => {
    const due = authorityDueAt(at('2025-03-28T09:15:00Z'));
    expect(due.toISOString()).toBe('2025-03-31T09:15:00.000Z');
    expect(toZonedIso(at('2025-03-28T09:15:00Z'), 'Europe/Berlin')).toBe('2025-03-28T10:15:00+01:00');
    expect(toZonedIso(due, 'Europe/Berlin')).toBe('2025-03-31T11:15:00+02:00');
  });

  it('T3: DST end never moves it — due 2025-10-27T14:30Z, shown as 15:30 CET (71 h on the wall clock)', () => {
    const due = authorityDueAt(at('2025-10-24T14:30:00Z'));
    expect(due.toISOString()).toBe('2025-10-27T14:30:00.000Z');
    expect(toZonedIso(due, 'Europe/Berlin')).toBe('2025-10-27T15:30:00+01:00');
  });

  it('T4: a public holiday gives no extension — aware 2020-12-22T11:17Z, due 2020-12-25T11:17Z exactly', () => {
    expect(authorityDueAt(at('2020-12-22T11:17:00Z')).toISOString()).toBe('2020-12-25T11:17:00.000Z');
  });

  it('keeps milliseconds: exactly 259,200,000 ms after awareness', () => {
    const aware = at('2025-06-06T15:42:10.123Z');
    expect(authorityDueAt(aware).getTime() - aware.getTime()).toBe(259_200_000);
  });
});

describe('clock states (regulatory.md §9.1 item 4)', () => {
  const dueAt = at('2025-06-09T15:42:10Z');
  const open = { dueAt, completedAt: null, stoppedAt: null };

  it('is running with whole seconds left before the deadline, rounded down', () => {
    expect(viewClock(open, at('2025-06-09T14:42:10Z'))).toEqual({ dueAt, secondsLeft: 3600, state: 'running' });
    expect(viewClock(open, at('2025-06-09T14:42:10.500Z'))).toEqual({ dueAt, secondsLeft: 3599, state: 'running' });
  });

  it('is still running, with 0 seconds left, at the deadline itself', () => {
    expect(viewClock(open, dueAt)).toEqual({ dueAt, secondsLeft: 0, state: 'running' });
  });

  it('is overdue one millisecond after the deadline, with negative seconds', () => {
    expect(viewClock(open, new Date(dueAt.getTime() + 1))).toEqual({ dueAt, secondsLeft: -1, state: 'overdue' });
    expect(viewClock(open, new Date(dueAt.getTime() + 90 * SECOND))).toMatchObject({ secondsLeft: -90, state: 'overdue' });
  });

  it('T5: notified exactly at dueAt is met', () => {
    expect(viewClock({ ...open, completedAt: dueAt }, at('2025-07-01T00:00:00Z'))).toEqual({ dueAt, secondsLeft: null, state: 'met' });
  });

  it('T6/T7: notified one second after dueAt is late', () => {
    expect(viewClock({ ...open, completedAt: new Date(dueAt.getTime() + SECOND) }, at('2025-07-01T00:00:00Z')).state).toBe('late');
  });

  it('T10: decided not notifiable is stopped, whatever the time', () => {
    expect(viewClock({ ...open, stoppedAt: at('2025-06-07T01:42:10Z') }, at('2025-07-01T00:00:00Z'))).toEqual({
      dueAt,
      secondsLeft: null,
      state: 'stopped',
    });
  });

  it('T11: the initial notification decides the state; later follow-ups do not reopen it', () => {
    const initial = at('2025-06-07T21:42:10Z'); // aware + 30 h
    expect(viewClock({ ...open, completedAt: initial }, at('2025-06-10T19:42:10Z')).state).toBe('met'); // asked at aware + 100 h
  });
});

describe('processor deadline: discoveredAt + contract notice hours (Art. 33(2))', () => {
  it('T8: discovered 08:00Z with 24 h, reported 20:00Z → due next day 08:00Z, met', () => {
    const due = processorDueAt(at('2025-01-10T08:00:00Z'), 24);
    expect(due.toISOString()).toBe('2025-01-11T08:00:00.000Z');
    expect(viewClock({ dueAt: due, completedAt: at('2025-01-10T20:00:00Z'), stoppedAt: null }, at('2025-01-10T20:00:00Z')).state).toBe(
      'met',
    );
    expect(authorityDueAt(at('2025-01-10T20:00:00Z')).toISOString()).toBe('2025-01-13T20:00:00.000Z');
  });

  it('T9: reported 2025-01-12T09:00Z for the same discovery → late; authority due 2025-01-15T09:00Z', () => {
    const due = processorDueAt(at('2025-01-10T08:00:00Z'), 24);
    expect(viewClock({ dueAt: due, completedAt: at('2025-01-12T09:00:00Z'), stoppedAt: null }, at('2025-01-12T09:00:00Z')).state).toBe(
      'late',
    );
    expect(authorityDueAt(at('2025-01-12T09:00:00Z')).toISOString()).toBe('2025-01-15T09:00:00.000Z');
  });

  it('uses the contract hours, e.g. 12 h', () => {
    expect(processorDueAt(at('2025-01-10T08:00:00Z'), 12).toISOString()).toBe('2025-01-10T20:00:00.000Z');
  });
});

describe('parseWithin', () => {
  it.each([
    ['90m', 90 * 60_000],
    ['24h', 24 * 3_600_000],
    ['3d', 3 * 86_400_000],
  ])('reads %s', (text, ms) => expect(parseWithin(text)).toBe(ms));

  it.each(['24', 'h', '1.5h', '-1h', '24 h', '10w', ''])('refuses %p', (text) => expect(parseWithin(text)).toBeNull());
});
