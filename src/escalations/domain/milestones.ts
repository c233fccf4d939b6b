// When to warn before a deadline, and how to retry a failed mail. Pure.
// (The milestone lists themselves belong to the contract: contracts/domain/escalation-settings.ts.)
import { Lang, plural, t } from '../../i18n';
export { DEFAULT_DEPUTY_AFTER, DEFAULT_MILESTONES, parseMilestones } from '../../contracts/domain/escalation-settings';

export function milestoneLabel(minutesBefore: number): string {
  if (minutesBefore === 0) return 'T-0';
  if (minutesBefore % 1440 === 0 && minutesBefore >= 2880) return `T-${minutesBefore / 60}h`;
  if (minutesBefore % 60 === 0) return `T-${minutesBefore / 60}h`;
  return `T-${minutesBefore}m`;
}

export function milestoneDueAt(deadline: Date, minutesBefore: number): Date {
  return new Date(deadline.getTime() - minutesBefore * 60_000);
}

// When a milestone is out of date: once the person's next milestone (of those planned for them)
// falls due. Null for their last one.
export function supersededAt(deadline: Date, theirs: readonly number[], minutesBefore: number): Date | null {
  const later = theirs.filter((m) => m < minutesBefore);
  return later.length === 0 ? null : milestoneDueAt(deadline, Math.max(...later));
}

// Exponential backoff with ±50 % jitter, capped at one hour: attempt 1 waits about base, 2 about 2 × base, …
export function retryDelayMs(attempt: number, baseMs: number, random: () => number): number {
  const exp = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(exp * (0.5 + random()));
}

// How a time span reads in a mail: "23 h 59 min", "45 min", "overdue by 2 h 5 min".
export function spanText(ms: number, lang: Lang): string {
  const abs = Math.abs(ms);
  const totalMinutes = Math.floor(abs / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const parts = [days ? plural(lang, 'day', days) : '', hours ? `${hours} h` : '', `${minutes} min`].filter(Boolean);
  const text = parts.join(' ');
  if (ms >= 0) return text;
  return t(lang, 'mail.overdueBy', { span: text });
}
