// A contract's escalation settings: when to warn before each deadline, and when its deputies join.
// Pure: no Nest, no TypeORM.

// Minutes before the deadline: T-48h, T-24h, T-12h, T-4h, T-1h, T-0 (design.md §1).
export const DEFAULT_MILESTONES = [2880, 1440, 720, 240, 60, 0];
import { Lang } from '../../i18n';
import { parseReminderSetting } from '../../identity/domain/reminder-setting';
// Without an acknowledgement by this milestone, a contract's deputies join the later ones.
export const DEFAULT_DEPUTY_AFTER = 1440;

// "24h,4h,1h,0h" (also "90m", "2d") → [1440, 240, 60, 0], largest first; null when malformed.
export function parseMilestones(text: string): number[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 20) return null;
  const minutes: number[] = [];
  for (const part of parts) {
    const m = /^(\d{1,4})(m|h|d)$/.exec(part);
    if (!m) return null;
    const n = Number(m[1]) * (m[2] === 'm' ? 1 : m[2] === 'h' ? 60 : 1440);
    if (n > 30 * 1440) return null;
    minutes.push(n);
  }
  return [...new Set(minutes)].sort((a, b) => b - a);
}

export interface EscalationSettingsInput {
  milestones?: string;
  deputies?: { name: string; email: string; locale?: Lang }[];
  deputiesAfter?: string;
  reminders?: string;
}

export function escalationSettings(input: EscalationSettingsInput | undefined) {
  const problems: { path: string; message: string }[] = [];
  const milestones = input?.milestones ? parseMilestones(input.milestones) : null;
  if (input?.milestones && !milestones)
    problems.push({ path: 'escalation.milestones', message: 'must be durations such as 24h,4h,1h,0h, each at most 30 days' });
  const after = input?.deputiesAfter ? parseMilestones(input.deputiesAfter) : null;
  if (input?.deputiesAfter && (!after || after.length !== 1))
    problems.push({ path: 'escalation.deputiesAfter', message: 'must be one duration such as 24h' });
  const reminders = input?.reminders === undefined ? null : parseReminderSetting(input.reminders);
  if (reminders && !reminders.ok) problems.push({ path: 'escalation.reminders', message: reminders.message });
  return {
    problems,
    milestones,
    // undefined: not given (a change keeps the setting); null: the organization's setting.
    reminderEveryMinutes: reminders?.ok ? reminders.minutes : undefined,
    deputies: (input?.deputies ?? []).map((c) => ({ ...c, email: c.email.toLowerCase() })),
    deputyAfter: after?.[0] ?? DEFAULT_DEPUTY_AFTER,
  };
}

export function durationText(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}
