import { DEFAULT_MILESTONES, milestoneDueAt, milestoneLabel, parseMilestones, retryDelayMs, spanText, supersededAt } from './milestones';

describe('milestones', () => {
  it('labels the defaults T-48h … T-0', () => {
    expect(DEFAULT_MILESTONES.map(milestoneLabel)).toEqual(['T-48h', 'T-24h', 'T-12h', 'T-4h', 'T-1h', 'T-0']);
    expect(milestoneLabel(90)).toBe('T-90m');
  });

  it('parses a contract list, largest first, without duplicates', () => {
    expect(parseMilestones('24h,4h,1h,0h')).toEqual([1440, 240, 60, 0]);
    expect(parseMilestones('0h, 2d, 90m, 24h, 1d')).toEqual([2880, 1440, 90, 0]);
  });

  it.each(['', '24', '24h,,x', '-1h', '1.5h', '31d'])('refuses %p', (text) => expect(parseMilestones(text)).toBeNull());

  it('puts each milestone before the deadline', () => {
    expect(milestoneDueAt(new Date('2025-06-09T10:00:00Z'), 1440).toISOString()).toBe('2025-06-08T10:00:00.000Z');
    expect(milestoneDueAt(new Date('2025-06-09T10:00:00Z'), 0).toISOString()).toBe('2025-06-09T10:00:00.000Z');
  });

  it("puts a milestone out of date when the person's next one falls due, and never their last one", () => {
    const due = new Date('2025-06-09T10:00:00Z');
    expect(supersededAt(due, DEFAULT_MILESTONES, 2880)?.toISOString()).toBe('2025-06-08T10:00:00.000Z'); // T-48h: at T-24h
    expect(supersededAt(due, DEFAULT_MILESTONES, 60)?.toISOString()).toBe('2025-06-09T10:00:00.000Z'); // T-1h: at T-0
    expect(supersededAt(due, DEFAULT_MILESTONES, 0)).toBeNull();
    // A deputy's list from T-24h on, a contract's own list in any order.
    expect(supersededAt(due, [1440, 720, 240, 60, 0], 1440)?.toISOString()).toBe('2025-06-08T22:00:00.000Z');
    expect(supersededAt(due, [0, 1440, 240], 1440)?.toISOString()).toBe('2025-06-09T06:00:00.000Z');
    expect(supersededAt(due, [1440], 1440)).toBeNull();
  });

  it('backs off exponentially with jitter, capped at an hour', () => {
    expect(retryDelayMs(1, 1000, () => 0.5)).toBe(1000);
    expect(retryDelayMs(3, 1000, () => 0.5)).toBe(4000);
    expect(retryDelayMs(3, 1000, () => 0)).toBe(2000);
    expect(retryDelayMs(3, 1000, () => 0.999)).toBe(5996);
    expect(retryDelayMs(40, 1000, () => 0.5)).toBe(3_600_000);
  });

  it('writes time left for people', () => {
    expect(spanText(24 * 3_600_000 - 60_000, 'en')).toBe('23 h 59 min');
    expect(spanText(49 * 3_600_000, 'de')).toBe('2 Tage 1 h 0 min');
    expect(spanText(-(2 * 3_600_000 + 5 * 60_000), 'en')).toBe('overdue by 2 h 5 min');
    expect(spanText(45 * 60_000, 'de')).toBe('45 min');
  });
});
