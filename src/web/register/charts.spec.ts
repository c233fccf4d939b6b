import { hoursToNotificationSvg, monthsByCauseSvg } from './charts';

const rects = (svg: string) =>
  [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="\d+" height="([\d.]+)" fill="(#[0-9a-f]{6})"><title>([^<]*)<\/title>/g)].map(
    (m) => ({ y: Number(m[1]), height: Number(m[2]), fill: m[3], title: m[4] }),
  );

describe('register charts', () => {
  it('stacks the incidents of a month by cause, bars in proportion, the legend escaped', () => {
    const svg = monthsByCauseSvg(
      [
        { month: '2025-05', cause: 'phishing' },
        { month: '2025-06', cause: 'phishing' },
        { month: '2025-06', cause: 'phishing' },
        { month: '2025-06', cause: '<b>lost</b>' },
      ],
      'Per month',
    );
    const bars = rects(svg);
    expect(bars.map((b) => b.title)).toEqual(['2025-05 phishing: 1', '2025-06 &lt;b&gt;lost&lt;/b&gt;: 1', '2025-06 phishing: 2']);
    // The tallest month (3) fills the 180-pixel plot; one incident is a third of it.
    expect(bars[0].height).toBe(60);
    expect(bars[1].height + bars[2].height).toBe(180);
    expect(svg).toContain('&lt;b&gt;lost&lt;/b&gt;</text>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('<title id="chart-months-title">Per month</title>');
  });

  it('draws late notifications in red against the 72-hour line, and says when there are none', () => {
    const svg = hoursToNotificationSvg(
      [
        { reference: 'BC-1', hours: 30 },
        { reference: 'BC-2', hours: 80 },
      ],
      'Hours',
    );
    expect(rects(svg).map((b) => [b.title, b.fill])).toEqual([
      ['BC-1: 30.0 h', '#1f4e79'],
      ['BC-2: 80.0 h', '#a00000'],
    ]);
    expect(svg).toContain('72 h</text>');
    expect(hoursToNotificationSvg([], 'Hours', 'No authority notified yet.')).toContain('>No authority notified yet.</text>');
  });
});
