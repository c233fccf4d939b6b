// The `within` of GET /deadlines and the board's filter: "24h", "90m", "3d" → milliseconds; null when
// the text is not such a duration.
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseWithin(text: string): number | null {
  const match = /^(\d{1,4})(m|h|d)$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
