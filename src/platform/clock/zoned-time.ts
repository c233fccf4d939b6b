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
    const name = formatter(zone).formatToParts(instant).find((p) => p.type === 'timeZoneName')!.value; // "GMT+02:00" or "GMT"
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

// A wall-clock time as a person enters it ("2025-06-06T10:00" in Europe/Berlin) → the instant.
// Around a DST change the offset of the result is checked once more, so 02:30 on a spring-forward
// night resolves to the instant after the gap.
export function fromZonedLocal(local: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  if (Number.isNaN(asUtc)) return null;
  let instant = asUtc - offsetMinutes(new Date(asUtc), zone) * 60_000;
  instant = asUtc - offsetMinutes(new Date(instant), zone) * 60_000;
  return new Date(instant);
}
