import { fromZonedLocal, toZonedIso } from './zoned-time';

describe('toZonedIso', () => {
  it('shows an instant in Berlin summer time with +02:00', () => {
    expect(toZonedIso(new Date('2025-03-31T09:15:00Z'), 'Europe/Berlin')).toBe('2025-03-31T11:15:00+02:00');
  });

  it('shows an instant in Berlin winter time with +01:00', () => {
    expect(toZonedIso(new Date('2025-10-27T14:30:00Z'), 'Europe/Berlin')).toBe('2025-10-27T15:30:00+01:00');
  });

  it('shows UTC with +00:00 and keeps midnight as 00, not 24', () => {
    expect(toZonedIso(new Date('2025-01-01T00:00:05Z'), 'UTC')).toBe('2025-01-01T00:00:05+00:00');
  });

  it('handles zones with half-hour offsets', () => {
    expect(toZonedIso(new Date('2025-01-01T12:00:00Z'), 'Asia/Kolkata')).toBe('2025-01-01T17:30:00+05:30');
  });
});

describe('fromZonedLocal', () => {
  it('reads a wall-clock time in the given zone', () => {
    expect(fromZonedLocal('2025-06-06T12:00', 'Europe/Berlin')!.toISOString()).toBe('2025-06-06T10:00:00.000Z');
    expect(fromZonedLocal('2025-01-06T12:00', 'Europe/Berlin')!.toISOString()).toBe('2025-01-06T11:00:00.000Z');
    expect(fromZonedLocal('2025-01-06T12:00:30', 'UTC')!.toISOString()).toBe('2025-01-06T12:00:30.000Z');
  });

  it('reads a time the autumn change repeats as the earlier instant, and refuses one the spring change skips', () => {
    expect(fromZonedLocal('2026-10-25T02:30', 'Europe/Berlin')!.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(fromZonedLocal('2026-03-29T02:30', 'Europe/Berlin')).toBeNull();
  });

  it('refuses what is not a local date-time', () => {
    expect(fromZonedLocal('2025-01-06', 'UTC')).toBeNull();
    expect(fromZonedLocal('2025-01-06T12:00Z', 'UTC')).toBeNull();
  });
});
