// Instants are stored and computed in UTC; people read them in their own zone, with the offset.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(zone, f);
  }
  return f;
}

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

// The zone's UTC offset in minutes at this instant. Zone transitions happen on a full or half hour,
// so the offset is the same within each quarter hour: cached per zone and quarter hour.
function offsetMinutes(instant: Date, zone: string): number {
  const key = `${zone}|${Math.floor(instant.getTime() / QUARTER_HOUR)}`;
  let minutes = offsets.get(key);
  if (minutes === undefined) {
    const name = formatter(zone)
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')!.value; // "GMT+02:00" or "GMT"
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, minutes);
  }
  return minutes;
}

// 2025-03-31T09:15:00Z in Europe/Berlin → "2025-03-31T11:15:00+02:00".
export function toZonedIso(instant: Date, zone: string): string {
  const offset = offsetMinutes(instant, zone);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

export type LocalReading = { ok: true; instant: Date; ambiguous: boolean } | { ok: false; reason: 'format' | 'nonexistent' };

// A wall-clock time as a person enters it ("2025-06-06T10:00" in Europe/Berlin) → the instant.
// - A time the autumn change repeats (02:30 on 25 Oct 2026 in Berlin happens twice) is read as the
//   earlier instant: the safe reading, since a deadline counted from it ends an hour earlier.
// - A time the spring change skips (02:30 on 29 Mar 2026 in Berlin never happens) is refused.
// - A date that does not exist (30 February) or a malformed text is refused.
export function readZonedLocal(local: string, zone: string): LocalReading {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return { ok: false, reason: 'format' };
  const [year, month, day, hour, minute, second] = [+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0)];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(asUtc);
  if (Number.isNaN(asUtc) || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'format' };
  }
  const instants = candidates(asUtc, zone);
  if (instants.length === 0) return { ok: false, reason: 'nonexistent' };
  return { ok: true, instant: new Date(instants[0]), ambiguous: instants.length > 1 };
}

// Every instant whose wall-clock reading in the zone is this one, earliest first: the offsets in
// force a day before and after bound every offset the reading can have (zones change their offset
// at most once in two days).
function candidates(asUtc: number, zone: string): number[] {
  const offsets = new Set([asUtc - DAY_MS, asUtc, asUtc + DAY_MS].map((t) => offsetMinutes(new Date(t), zone)));
  const found = [...offsets].map((o) => asUtc - o * 60_000).filter((t) => offsetMinutes(new Date(t), zone) * 60_000 === asUtc - t);
  return [...new Set(found)].sort((a, b) => a - b);
}

// The instant of a local time a person entered, or null when it is malformed or does not exist in
// the zone (see readZonedLocal; localTimeProblem says why).
export function fromZonedLocal(local: string, zone: string): Date | null {
  const r = readZonedLocal(local, zone);
  return r.ok ? r.instant : null;
}

// For computed boundaries (the start of a local day, noon of a working day), not for what people
// enter: a time in a spring gap moves forward by the gap (00:00 on a day that starts at 01:00 is
// 01:00), a repeated time is the earlier instant.
export function fromZonedLocalMovingForward(local: string, zone: string): Date | null {
  const r = readZonedLocal(local, zone);
  if (r.ok) return r.instant;
  if (r.reason === 'format') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local)!;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  return new Date(asUtc - offsetMinutes(new Date(asUtc - DAY_MS), zone) * 60_000);
}

// Why a local time was refused, for the field's error message; null when it was read.
export function localTimeProblem(r: LocalReading, zone: string): string | null {
  if (r.ok) return null;
  return r.reason === 'nonexistent'
    ? `does not exist in ${zone}: the clocks skip it when summer time starts; enter the time as the clock showed it before or after the change`
    : 'must be a date and time';
}
