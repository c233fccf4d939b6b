import { cronMatches, lastSlot, parseCron } from './retention-schedule';

describe('retention schedule (cron, UTC)', () => {
  it('finds the latest slot at or before now', () => {
    const nightly = parseCron('30 2 * * *');
    expect(lastSlot(nightly, new Date('2031-01-11T02:29:59Z'))?.toISOString()).toBe('2031-01-10T02:30:00.000Z');
    expect(lastSlot(nightly, new Date('2031-01-11T02:30:00Z'))?.toISOString()).toBe('2031-01-11T02:30:00.000Z');
    const sundays = parseCron('0 4 * * 7');
    expect(lastSlot(sundays, new Date('2031-01-08T12:00:00Z'))?.toISOString()).toBe('2031-01-05T04:00:00.000Z');
    expect(lastSlot(parseCron('0 0 29 2 *'), new Date('2031-01-08T12:00:00Z'), 35)).toBeNull();
  });

  it('reads lists, ranges and steps, and either day field when both are restricted', () => {
    const spec = parseCron('*/15 1-3,22 1 * 1');
    expect(cronMatches(spec, new Date('2031-01-06T22:45:00Z'))).toBe(true); // a Monday, not the 1st
    expect(cronMatches(spec, new Date('2031-01-01T02:15:00Z'))).toBe(true); // the 1st, a Wednesday
    expect(cronMatches(spec, new Date('2031-01-07T02:15:00Z'))).toBe(false);
    expect(cronMatches(spec, new Date('2031-01-06T04:00:00Z'))).toBe(false);
  });

  it('refuses what is not a cron expression, naming the field', () => {
    expect(() => parseCron('daily')).toThrow(/five fields/);
    expect(() => parseCron('60 2 * * *')).toThrow(/minute/);
    expect(() => parseCron('0 2 * 13 *')).toThrow(/month/);
    expect(() => parseCron('0 2 * * mon')).toThrow(/day of week/);
  });
});
