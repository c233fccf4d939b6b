import { readPeriod } from './register-period';

describe('readPeriod', () => {
  it('reads whole days in the zone, the end exclusive', () => {
    expect(readPeriod('2025-01-01', '2025-03-31', 'Europe/Berlin')).toEqual({
      period: {
        from: '2025-01-01',
        to: '2025-03-31',
        timeZone: 'Europe/Berlin',
        start: new Date('2024-12-31T23:00:00Z'),
        end: new Date('2025-03-31T22:00:00Z'),
      },
    });
    expect(readPeriod('2025-06-06', '2025-06-06', 'UTC')).toMatchObject({
      period: { start: new Date('2025-06-06T00:00:00Z'), end: new Date('2025-06-07T00:00:00Z') },
    });
  });

  it('names the field that is wrong', () => {
    expect(readPeriod('2025-02-30', '2025-03-01', 'UTC')).toEqual({ errors: [{ path: 'from', message: 'must be a date YYYY-MM-DD' }] });
    expect(readPeriod(undefined, '25-03-01', 'UTC')).toEqual({
      errors: [
        { path: 'from', message: 'must be a date YYYY-MM-DD' },
        { path: 'to', message: 'must be a date YYYY-MM-DD' },
      ],
    });
    expect(readPeriod('2025-03-01', '2025-03-02', 'Mars/Olympus')).toEqual({
      errors: [{ path: 'timeZone', message: 'is not an IANA time zone, e.g. Europe/Berlin' }],
    });
    expect(readPeriod('2025-03-02', '2025-03-01', 'UTC')).toEqual({ errors: [{ path: 'to', message: 'must not be before from' }] });
  });

  it('takes a leap year whole, and refuses a day more', () => {
    expect(readPeriod('2024-01-01', '2024-12-31', 'UTC')).toHaveProperty('period');
    expect(readPeriod('2025-01-01', '2026-01-01', 'UTC')).toHaveProperty('period');
    expect(readPeriod('2025-01-01', '2026-01-02', 'UTC')).toEqual({
      errors: [{ path: 'to', message: expect.stringContaining('at most 366 days') }],
    });
  });
});
