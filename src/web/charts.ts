// Small server-rendered SVG charts (no script, no library). Every text is escaped; each chart has a
// title and a description for screen readers.
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Incidents per month, stacked by cause.
export function monthsByCauseSvg(rows: { month: string; cause: string }[], title: string): string {
  const months = [...new Set(rows.map((r) => r.month))].sort().slice(-12);
  const causes = [...new Set(rows.map((r) => r.cause))].sort();
  const palette = ['#1f4e79', '#c55a11', '#548235', '#7030a0', '#bf9000', '#2e75b6', '#a5a5a5', '#833c0b', '#375623', '#000000'];
  const counts = months.map((m) => causes.map((c) => rows.filter((r) => r.month === m && r.cause === c).length));
  const max = Math.max(1, ...counts.map((c) => c.reduce((a, b) => a + b, 0)));
  const w = 640, h = 220, left = 40, bottom = 30, bar = Math.max(8, Math.floor((w - left - 10) / Math.max(1, months.length)) - 8);
  const parts: string[] = [];
  months.forEach((m, i) => {
    let y = h - bottom;
    counts[i].forEach((n, ci) => {
      if (!n) return;
      const height = ((h - bottom - 10) * n) / max;
      y -= height;
      parts.push(`<rect x="${left + i * (bar + 8)}" y="${y.toFixed(1)}" width="${bar}" height="${height.toFixed(1)}" fill="${palette[ci % palette.length]}"><title>${esc(m)} ${esc(causes[ci])}: ${n}</title></rect>`);
    });
    parts.push(`<text x="${left + i * (bar + 8)}" y="${h - 10}" font-size="10">${esc(m)}</text>`);
  });
  const legend = causes.map((c, ci) => `<tspan fill="${palette[ci % palette.length]}">■</tspan> ${esc(c)}`).join('  ');
  return `<svg role="img" aria-labelledby="chart-months-title" viewBox="0 0 ${w} ${h + 20}" width="${w}" height="${h + 20}" xmlns="http://www.w3.org/2000/svg"><title id="chart-months-title">${esc(title)}</title><text x="${left}" y="12" font-size="11">${legend}</text>${parts.join('')}<text x="0" y="${h - bottom}" font-size="10">0</text><text x="0" y="20" font-size="10">${max}</text></svg>`;
}

// Hours from awareness to the initial authority notification, one bar per notified incident, against the 72 h line.
export function hoursToNotificationSvg(items: { reference: string; hours: number }[], title: string): string {
  const w = 640, h = 200, left = 40, bottom = 20;
  const max = Math.max(96, ...items.map((i) => i.hours));
  const y = (hours: number) => h - bottom - ((h - bottom - 10) * hours) / max;
  const bar = Math.max(6, Math.floor((w - left - 10) / Math.max(1, items.length)) - 4);
  const bars = items
    .map((it, i) => `<rect x="${left + i * (bar + 4)}" y="${y(it.hours).toFixed(1)}" width="${bar}" height="${(h - bottom - y(it.hours)).toFixed(1)}" fill="${it.hours > 72 ? '#a00000' : '#1f4e79'}"><title>${esc(it.reference)}: ${it.hours.toFixed(1)} h</title></rect>`)
    .join('');
  return `<svg role="img" aria-labelledby="chart-hours-title" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg"><title id="chart-hours-title">${esc(title)}</title>${bars}<line x1="${left}" x2="${w}" y1="${y(72)}" y2="${y(72)}" stroke="#000" stroke-dasharray="4 3"/><text x="${left + 2}" y="${y(72) - 3}" font-size="10">72 h</text><text x="0" y="${h - bottom}" font-size="10">0</text></svg>`;
}
