// Figures over the register (Art. 33(5)): what happens, how fast the authority hears of it.

export interface StatsRow {
  cause: string | null;
  types: string[] | null;
  authority: { startedAt: Date; completedAt: Date | null; dueAt: Date } | null;
}

export interface RegisterStats {
  total: number;
  byCause: Record<string, number>;
  byType: Record<string, number>;
  authorityNotified: number;
  medianHoursAwareToAuthority: number | null;
  shareNotifiedOnTime: number | null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function registerStats(rows: StatsRow[]): RegisterStats {
  const byCause: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const hours: number[] = [];
  let onTime = 0;
  for (const row of rows) {
    const cause = row.cause ?? 'unknown';
    byCause[cause] = (byCause[cause] ?? 0) + 1;
    for (const type of row.types?.length ? row.types : ['unknown']) byType[type] = (byType[type] ?? 0) + 1;
    const clock = row.authority;
    if (clock?.completedAt) {
      hours.push((clock.completedAt.getTime() - clock.startedAt.getTime()) / 3_600_000);
      if (clock.completedAt.getTime() <= clock.dueAt.getTime()) onTime += 1;
    }
  }
  const m = median(hours);
  return {
    total: rows.length,
    byCause,
    byType,
    authorityNotified: hours.length,
    medianHoursAwareToAuthority: m === null ? null : Math.round(m * 100) / 100,
    shareNotifiedOnTime: hours.length ? Math.round((onTime / hours.length) * 1000) / 1000 : null,
  };
}
