// Reminders of a duty without a deadline (revFADP Art. 24 "as soon as possible", GDPR Art. 34
// "without undue delay"): instead of milestones before a deadline, a reminder every interval from
// the duty's start until it is fulfilled or waived. Pure.

// Daily, unless the contract or the organization says otherwise (0: no reminders).
export const DEFAULT_REMINDER_EVERY_MINUTES = 1440;

export function reminderLabel(n: number): string {
  return `R${n}`;
}

// When the reminder after `base` (the duty's start, or the previous reminder's instant) falls due:
// one interval later; if that has passed (a duty that started long ago, or a downtime), the latest
// instant of the rhythm that has passed, so one reminder goes out at once and none are caught up.
export function nextReminderAt(base: Date, everyMinutes: number, now: Date): Date {
  const every = everyMinutes * 60_000;
  const steps = Math.max(1, Math.floor((now.getTime() - base.getTime()) / every));
  return new Date(base.getTime() + steps * every);
}

// The reminder after one that has just gone out: the first instant of the rhythm after now, so a
// reminder sent late (after a downtime) is not followed by another at once.
export function reminderAfter(base: Date, everyMinutes: number, now: Date): Date {
  const every = everyMinutes * 60_000;
  const steps = Math.max(1, Math.floor((now.getTime() - base.getTime()) / every) + 1);
  return new Date(base.getTime() + steps * every);
}

// The interval in force: the contract's, else the organization's, else daily; 0 means off.
export function reminderEvery(configured: number | null): number {
  return configured ?? DEFAULT_REMINDER_EVERY_MINUTES;
}
