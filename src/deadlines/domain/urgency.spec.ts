import { URGENCY_BANDS, URGENCY_LIMITS, urgencyBand, urgencyOf } from './urgency';

const HOUR = 3_600_000;

describe('urgency bands', () => {
  it('calls a clock overdue from the first millisecond past its deadline', () => {
    expect(urgencyOf(-1)).toBe('overdue');
    expect(urgencyOf(0)).toBe('urgent');
  });

  it('is urgent up to 4 h left, soon up to 24 h, ok beyond', () => {
    expect(urgencyOf(4 * HOUR)).toBe('urgent');
    expect(urgencyOf(4 * HOUR + 1)).toBe('soon');
    expect(urgencyOf(24 * HOUR)).toBe('soon');
    expect(urgencyOf(24 * HOUR + 1)).toBe('ok');
    expect(urgencyOf(72 * HOUR)).toBe('ok');
  });

  it('states each band’s limits so that every limit falls into its own band', () => {
    for (const band of URGENCY_BANDS) {
      const [from, upTo] = URGENCY_LIMITS[band];
      if (from !== null) expect(urgencyOf(from)).toBe(band);
      if (upTo !== null) expect(urgencyOf(upTo)).toBe(band);
    }
    expect(URGENCY_BANDS).toEqual(['overdue', 'urgent', 'soon', 'ok']);
  });

  it('reads a band name and nothing else', () => {
    expect(urgencyBand('soon')).toBe('soon');
    expect(urgencyBand('late')).toBeNull();
    expect(urgencyBand(undefined)).toBeNull();
  });
});
