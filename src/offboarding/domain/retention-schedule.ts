// When retention runs by itself (RETENTION_SCHEDULE, docs/offboarding.md): a five-field cron
// expression in UTC (minute hour day-of-month month day-of-week; *, lists, ranges and steps), or "off".
// The scheduler runs the latest slot not yet run: after a stop, the slot it missed, once.
export const DEFAULT_RETENTION_SCHEDULE = '30 2 * * *';

export interface CronSpec {
  fields: Set<number>[]; // minute, hour, day of month, month, day of week (0 = Sunday)
  anyDay: [boolean, boolean]; // day of month "*", day of week "*"
}

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];

function parseField(text: string, [lo, hi]: [number, number], name: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`${name}: "${part}" is not a number, range, list or step`);
    const from = m[1] === '*' ? lo : Number(m[2]);
    const to = m[1] === '*' ? hi : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? hi : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < lo || to > hi || from > to || step < 1) throw new Error(`${name}: "${part}" is outside ${lo}-${hi}`);
    for (let v = from; v <= to; v += step) out.add(name === 'day of week' && v === 7 ? 0 : v);
  }
  return out;
}

export function parseCron(expression: string): CronSpec {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error('must be five fields (minute hour day-of-month month day-of-week) or "off"');
  return { fields: parts.map((p, i) => parseField(p, RANGES[i], NAMES[i])), anyDay: [parts[2] === '*', parts[4] === '*'] };
}

// Cron's rule: when both day fields are restricted, either may match.
export function cronMatches(spec: CronSpec, at: Date): boolean {
  const [minute, hour, dom, month, dow] = spec.fields;
  if (!minute.has(at.getUTCMinutes()) || !hour.has(at.getUTCHours()) || !month.has(at.getUTCMonth() + 1)) return false;
  const byDate = dom.has(at.getUTCDate());
  const byWeekday = dow.has(at.getUTCDay());
  if (spec.anyDay[0] && spec.anyDay[1]) return true;
  if (spec.anyDay[0]) return byWeekday;
  if (spec.anyDay[1]) return byDate;
  return byDate || byWeekday;
}

// The latest slot at or before `now`, looking back at most `days` days (null: none in that time).
export function lastSlot(spec: CronSpec, now: Date, days = 35): Date | null {
  let t = Math.floor(now.getTime() / 60_000) * 60_000;
  for (let n = 0; n < days * 1440; n++, t -= 60_000) {
    const at = new Date(t);
    if (cronMatches(spec, at)) return at;
  }
  return null;
}
