// How urgent an open clock is, by the time left: the board's colour bands and its urgency filter.

const HOUR_MS = 3_600_000;

// Most urgent first: the order the board's filter offers them in.
export const URGENCY_BANDS = ['overdue', 'urgent', 'soon', 'ok'] as const;
export type UrgencyBand = (typeof URGENCY_BANDS)[number];

// Each band's time left as [from, up to] in ms (null: unbounded), the same limits as urgencyOf() below.
export const URGENCY_LIMITS: Readonly<Record<UrgencyBand, readonly [number | null, number | null]>> = {
  overdue: [null, -1],
  urgent: [0, 4 * HOUR_MS],
  soon: [4 * HOUR_MS + 1, 24 * HOUR_MS],
  ok: [24 * HOUR_MS + 1, null],
};

export function urgencyOf(msLeft: number): UrgencyBand {
  if (msLeft < 0) return 'overdue';
  if (msLeft <= 4 * HOUR_MS) return 'urgent';
  if (msLeft <= 24 * HOUR_MS) return 'soon';
  return 'ok';
}

// A band's name as given (a query parameter), or null when it names none.
export function urgencyBand(name: unknown): UrgencyBand | null {
  return URGENCY_BANDS.find((b) => b === name) ?? null;
}
