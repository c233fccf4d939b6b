import fc from 'fast-check';
import { fromZonedLocal, fromZonedLocalMovingForward, localTimeProblem, readZonedLocal, toZonedIso } from './zoned-time';

// Reading wall-clock times across zones, checked against brute force: every minute around the
// reading is shown in the zone, and the instants that show the reading are exactly what
// readZonedLocal finds (none: refused; two: the earlier one).

const ZONES = [
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Santiago',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Apia',
  'UTC',
];
const MINUTE = 60_000;
const HOUR = 3_600_000;
const local = (instant: number, zone: string) => toZonedIso(new Date(instant), zone).slice(0, 16);

// The instants (on whole minutes) within 30 hours that show this local time in the zone.
function bruteForce(text: string, zone: string): number[] {
  const [d, t] = text.split('T');
  const asUtc = Date.parse(`${d}T${t}:00Z`);
  const found: number[] = [];
  for (let instant = asUtc - 15 * HOUR; instant <= asUtc + 15 * HOUR; instant += MINUTE)
    if (local(instant, zone) === text) found.push(instant);
  return found;
}

// The zone's offset changes in a year, to the hour: where the interesting readings are.
function transitions(zone: string, year: number): number[] {
  const out: number[] = [];
  let previous = toZonedIso(new Date(Date.UTC(year, 0, 1)), zone).slice(19);
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += HOUR) {
    const offset = toZonedIso(new Date(t), zone).slice(19);
    if (offset !== previous) out.push(t);
    previous = offset;
  }
  return out;
}

const EDGES = ZONES.flatMap((zone) => [2011, 2018, 2026].flatMap((year) => transitions(zone, year).map((t) => ({ zone, t }))));

// A local time near a transition of its zone, or anywhere: the wall clock of an instant, shifted
// on the wall clock itself (which walks into gaps and repeated hours).
const reading = fc.oneof(
  fc
    .tuple(fc.constantFrom(...EDGES), fc.integer({ min: -180, max: 180 }))
    .map(([{ zone, t }, shift]) => ({ zone, text: shifted(local(t, zone), shift) })),
  fc
    .tuple(
      fc.constantFrom(...ZONES),
      fc.date({ min: new Date(Date.UTC(1995, 0, 1)), max: new Date(Date.UTC(2045, 0, 1)), noInvalidDate: true }),
      fc.integer({ min: -90, max: 90 }),
    )
    .map(([zone, d, shift]) => ({
      zone,
      text: shifted(local(d.getTime(), zone), shift),
    })),
);

function shifted(text: string, minutes: number): string {
  return new Date(Date.parse(`${text}:00Z`) + minutes * MINUTE).toISOString().slice(0, 16);
}

describe('readZonedLocal, property-based across zones', () => {
  it('finds exactly the instants that show the reading: none → refused as nonexistent, several → the earliest', () => {
    expect(EDGES.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(reading, ({ zone, text }) => {
        const expected = bruteForce(text, zone);
        const r = readZonedLocal(text, zone);
        if (expected.length === 0) {
          expect(r).toEqual({ ok: false, reason: 'nonexistent' });
          expect(fromZonedLocal(text, zone)).toBeNull();
          // Computed boundaries move forward by the gap instead: a real instant after the reading.
          const moved = fromZonedLocalMovingForward(text, zone)!;
          expect(moved.getTime()).toBeGreaterThan(Date.parse(`${text}:00Z`) - 15 * HOUR);
          expect(local(moved.getTime(), zone) > text).toBe(true);
        } else {
          expect(r).toEqual({ ok: true, instant: new Date(expected[0]), ambiguous: expected.length > 1 });
          expect(fromZonedLocalMovingForward(text, zone)).toEqual(new Date(expected[0]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads back every instant it shows: the reading of an instant gives that instant, or an earlier one showing the same time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1995, 0, 1) / MINUTE, max: Date.UTC(2045, 0, 1) / MINUTE }),
        (zone, minutes) => {
          const instant = minutes * MINUTE;
          const r = readZonedLocal(local(instant, zone), zone);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.instant.getTime()).toBeLessThanOrEqual(instant);
          expect(local(r.instant.getTime(), zone)).toBe(local(instant, zone));
          if (r.instant.getTime() < instant) expect(r.ambiguous).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('readZonedLocal, the autumn and spring nights of 2026 in Berlin', () => {
  it('reads 02:30 on 25 Oct 2026 as the earlier instant (CEST): the 72 hours end an hour earlier than on the later reading', () => {
    const r = readZonedLocal('2026-10-25T02:30', 'Europe/Berlin');
    expect(r).toEqual({ ok: true, instant: new Date('2026-10-25T00:30:00Z'), ambiguous: true });
    expect(toZonedIso(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    expect(toZonedIso(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+01:00');
  });

  it('refuses 02:30 on 29 Mar 2026, a time the clocks skip, with a message that says so', () => {
    const r = readZonedLocal('2026-03-29T02:30', 'Europe/Berlin');
    expect(r).toEqual({ ok: false, reason: 'nonexistent' });
    expect(localTimeProblem(r, 'Europe/Berlin')).toMatch(/^does not exist in Europe\/Berlin: the clocks skip it when summer time starts/);
    expect(readZonedLocal('2026-03-29T01:59', 'Europe/Berlin')).toEqual({
      ok: true,
      instant: new Date('2026-03-29T00:59:00Z'),
      ambiguous: false,
    });
    expect(readZonedLocal('2026-03-29T03:00', 'Europe/Berlin')).toEqual({
      ok: true,
      instant: new Date('2026-03-29T01:00:00Z'),
      ambiguous: false,
    });
  });

  it('refuses dates that do not exist and malformed text as "must be a date and time"', () => {
    for (const text of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-01-01T24:00', '2026-01-01T10:60', '2026-01-01', 'yesterday']) {
      const r = readZonedLocal(text, 'Europe/Berlin');
      expect(r).toEqual({ ok: false, reason: 'format' });
      expect(localTimeProblem(r, 'Europe/Berlin')).toBe('must be a date and time');
    }
  });
});
