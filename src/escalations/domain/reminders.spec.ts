import { DEFAULT_REMINDER_EVERY_MINUTES, nextReminderAt, reminderAfter, reminderEvery, reminderLabel } from './reminders';

describe('reminders of a duty without a deadline', () => {
  const start = new Date('2025-06-06T10:00:00Z');

  it('comes one interval after the start (or the previous reminder) while that is ahead', () => {
    expect(nextReminderAt(start, 1440, new Date('2025-06-06T11:00:00Z')).toISOString()).toBe('2025-06-07T10:00:00.000Z');
    expect(nextReminderAt(start, 360, start).toISOString()).toBe('2025-06-06T16:00:00.000Z');
  });

  it('goes out at once, and only once, when intervals have passed unseen', () => {
    // Started three and a half days ago: the reminder of day 3 is due now, days 1 and 2 are not caught up.
    expect(nextReminderAt(start, 1440, new Date('2025-06-09T22:00:00Z')).toISOString()).toBe('2025-06-09T10:00:00.000Z');
    expect(nextReminderAt(start, 1440, new Date('2025-06-07T10:00:00Z')).toISOString()).toBe('2025-06-07T10:00:00.000Z');
  });

  it('plans the one after a reminder that went out strictly after now, in the same rhythm', () => {
    expect(reminderAfter(start, 1440, new Date('2025-06-06T10:00:05Z')).toISOString()).toBe('2025-06-07T10:00:00.000Z');
    // Sent a day and a half late: the next one is the rhythm's next instant, not one at once.
    expect(reminderAfter(start, 1440, new Date('2025-06-07T22:00:00Z')).toISOString()).toBe('2025-06-08T10:00:00.000Z');
  });

  it('is daily by default; a setting wins, 0 is off', () => {
    expect(reminderEvery(null)).toBe(DEFAULT_REMINDER_EVERY_MINUTES);
    expect(DEFAULT_REMINDER_EVERY_MINUTES).toBe(1440);
    expect(reminderEvery(720)).toBe(720);
    expect(reminderEvery(0)).toBe(0);
  });

  it('numbers reminders', () => {
    expect([1, 2, 10].map(reminderLabel)).toEqual(['R1', 'R2', 'R10']);
  });
});
