import { toICalendar } from './icalendar';

describe('iCalendar feed', () => {
  const ics = toICalendar(
    'Fristen',
    [
      {
        uid: 'd1@breachclock',
        start: new Date('2025-06-09T10:00:00Z'),
        summary: 'BC-2025-000001: Meldung; fällig, bitte',
        description: 'Zeile 1\nZeile 2 ' + 'x'.repeat(100),
        url: 'https://b.test/incidents/1',
      },
    ],
    new Date('2025-06-06T10:00:00Z'),
  );

  it('writes one event per deadline in UTC, with an alarm four hours before', () => {
    expect(ics).toContain('DTSTART:20250609T100000Z\r\n');
    expect(ics).toContain('DTEND:20250609T101500Z\r\n');
    expect(ics).toContain('TRIGGER:-PT4H\r\n');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  });

  it('escapes text and folds long lines at 75 octets', () => {
    expect(ics).toContain('SUMMARY:BC-2025-000001: Meldung\\; fällig\\, bitte');
    expect(ics).toContain('DESCRIPTION:Zeile 1\\nZeile 2 ');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });
});
