import { escapeHtml as esc } from '../../platform/html/escape-html';

// Small server-rendered SVG charts (no script, no library). Every text is escaped; each chart has a
// title and a description for screen readers.
// Incidents per month, stacked by cause. The legend has a line per cause above the bars.
export function monthsByCauseSvg(rows: { month: string; cause: string }[], title: string): string {
  const months = [...new Set(rows.map((r) => r.month))].sort().slice(-12);
  const causes = [...new Set(rows.map((r) => r.cause))].sort();
  const palette = ['#1f4e79', '#c55a11', '#548235', '#7030a0', '#bf9000', '#2e75b6', '#6b6b6b', '#833c0b', '#375623', '#000000'];
  const counts = months.map((m) => causes.map((c) => rows.filter((r) => r.month === m && r.cause === c).length));
  const max = Math.max(1, ...counts.map((c) => c.reduce((a, b) => a + b, 0)));
  const w = 640,
    plot = 180,
    left = 40,
    legendHeight = 14 * causes.length + 8,
    bottom = 24;
  const h = legendHeight + plot + bottom,
    base = legendHeight + plot;
  const bar = Math.min(56, Math.max(8, Math.floor((w - left - 10) / Math.max(1, months.length)) - 8));
  const parts: string[] = [];
  months.forEach((m, i) => {
    let y = base;
    counts[i].forEach((n, ci) => {
      if (!n) return;
      const height = (plot * n) / max;
      y -= height;
      parts.push(
        `<rect x="${left + i * (bar + 8)}" y="${y.toFixed(1)}" width="${bar}" height="${height.toFixed(1)}" fill="${palette[ci % palette.length]}"><title>${esc(m)} ${esc(causes[ci])}: ${n}</title></rect>`,
      );
    });
    parts.push(`<text x="${left + i * (bar + 8)}" y="${base + 16}" font-size="10">${esc(m)}</text>`);
  });
  const legend = causes
    .map(
      (c, ci) =>
        `<rect x="${left}" y="${ci * 14 + 2}" width="10" height="10" fill="${palette[ci % palette.length]}"/><text x="${left + 14}" y="${ci * 14 + 11}" font-size="11">${esc(c)}</text>`,
    )
    .join('');
  return `<svg role="img" aria-labelledby="chart-months-title" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg"><title id="chart-months-title">${esc(title)}</title>${legend}${parts.join('')}<line x1="${left - 4}" x2="${w}" y1="${base}" y2="${base}" stroke="#000"/><text x="0" y="${base}" font-size="10">0</text><text x="0" y="${legendHeight + 10}" font-size="10">${max}</text></svg>`;
}

// Hours from awareness to the initial authority notification, one bar per notified incident, against the 72 h line.
export function hoursToNotificationSvg(items: { reference: string; hours: number }[], title: string, emptyText = ''): string {
  const w = 640,
    h = 200,
    left = 40,
    bottom = 20;
  const max = Math.max(96, ...items.map((i) => i.hours));
  const y = (hours: number) => h - bottom - ((h - bottom - 10) * hours) / max;
  const bar = Math.min(40, Math.max(6, Math.floor((w - left - 10) / Math.max(1, items.length)) - 4));
  const bars = items
    .map(
      (it, i) =>
        `<rect x="${left + i * (bar + 4)}" y="${y(it.hours).toFixed(1)}" width="${bar}" height="${(h - bottom - y(it.hours)).toFixed(1)}" fill="${it.hours > 72 ? '#a00000' : '#1f4e79'}"><title>${esc(it.reference)}: ${it.hours.toFixed(1)} h</title></rect>`,
    )
    .join('');
  return `<svg role="img" aria-labelledby="chart-hours-title" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg"><title id="chart-hours-title">${esc(title)}</title>${bars}<line x1="${left}" x2="${w}" y1="${y(72)}" y2="${y(72)}" stroke="#000" stroke-dasharray="4 3"/><text x="${left + 2}" y="${y(72) - 3}" font-size="10">72 h</text>${items.length ? '' : `<text x="${left + 2}" y="${h - bottom - 8}" font-size="12">${esc(emptyText)}</text>`}<text x="0" y="${h - bottom}" font-size="10">0</text></svg>`;
}
