import { median, registerStats } from './register-stats';

const t = (h: number) => new Date(Date.UTC(2025, 0, 1) + h * 3_600_000);

describe('register stats', () => {
  it('takes the median of odd and even lists, and null of none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('counts causes and types (an incident of two types counts for both), times to notification and the on-time share', () => {
    const stats = registerStats([
      { cause: 'phishing', types: ['confidentiality'], authority: { startedAt: t(0), completedAt: t(30), dueAt: t(72) } },
      { cause: 'phishing', types: ['confidentiality', 'availability'], authority: { startedAt: t(0), completedAt: t(80), dueAt: t(72) } },
      { cause: null, types: null, authority: { startedAt: t(0), completedAt: null, dueAt: t(72) } },
      { cause: 'malware', types: ['availability'], authority: { startedAt: t(0), completedAt: t(72), dueAt: t(72) } },
    ]);
    expect(stats).toEqual({
      total: 4,
      byCause: { phishing: 2, unknown: 1, malware: 1 },
      byType: { confidentiality: 2, availability: 2, unknown: 1 },
      authorityNotified: 3,
      medianHoursAwareToAuthority: 72,
      shareNotifiedOnTime: 0.667,
    });
  });

  it('gives nulls, not zeros, when nothing was notified yet', () => {
    expect(registerStats([{ cause: 'other', types: ['integrity'], authority: null }])).toMatchObject({
      medianHoursAwareToAuthority: null,
      shareNotifiedOnTime: null,
    });
  });
});
