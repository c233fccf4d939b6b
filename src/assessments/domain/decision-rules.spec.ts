import { decisionProblems, followsRecommendation } from './decision-rules';
import { Recommendation } from './enisa-severity';

const bothYes: Recommendation = { notifyAuthority: true, notifySubjects: true, subjectsExemption: null, reasons: [] };
const neither: Recommendation = { notifyAuthority: false, notifySubjects: false, subjectsExemption: null, reasons: [] };
const REASON = 'Encrypted with AES-256, key held in the HSM.';
const paths = (p: { path: string }[]) => p.map((x) => x.path);

describe('decision rules', () => {
  it('needs no reasons when notifying both as recommended', () => {
    expect(decisionProblems({ notifyAuthority: true, notifySubjects: true }, bothYes, 'DE')).toEqual([]);
  });

  it('needs reasons for every "no", even when recommended', () => {
    expect(paths(decisionProblems({ notifyAuthority: false, notifySubjects: false }, neither, 'DE'))).toEqual([
      'authorityReason',
      'subjectsReason',
    ]);
    expect(
      decisionProblems({ notifyAuthority: false, authorityReason: REASON, notifySubjects: false, subjectsReason: REASON }, neither, 'DE'),
    ).toEqual([]);
  });

  it('counts reasons after trimming: whitespace and short text are not reasons', () => {
    expect(
      paths(
        decisionProblems(
          { notifyAuthority: false, authorityReason: ' '.repeat(40), notifySubjects: false, subjectsReason: '  too short, sorry  ' },
          neither,
          'DE',
        ),
      ),
    ).toEqual(['authorityReason', 'subjectsReason']);
  });

  it('needs a reason to notify when the recommendation says no (a low score can still be notified)', () => {
    expect(paths(decisionProblems({ notifyAuthority: true, notifySubjects: false, subjectsReason: REASON }, neither, 'DE'))).toEqual([
      'authorityReason',
    ]);
    expect(
      decisionProblems(
        {
          notifyAuthority: true,
          authorityReason: 'Customers of a bank: we notify out of caution.',
          notifySubjects: false,
          subjectsReason: REASON,
        },
        neither,
        'DE',
      ),
    ).toEqual([]);
  });

  it('needs an Art. 34(3) ground to keep silent about a likely high risk', () => {
    const d = { notifyAuthority: true, notifySubjects: false, subjectsReason: REASON };
    expect(paths(decisionProblems(d, bothYes, 'DE'))).toEqual(['subjectsExemption']);
    expect(decisionProblems({ ...d, subjectsExemption: '34(3)(a)' }, bothYes, 'DE')).toEqual([]);
    expect(decisionProblems({ ...d, subjectsExemption: '34(3)(b)' }, bothYes, 'DE')).toEqual([]);
  });

  it('allows the § 29(1) BDSG ground only for German controllers (D24)', () => {
    const d = { notifyAuthority: true, notifySubjects: false, subjectsReason: REASON, subjectsExemption: 'de_bdsg_29_1' as const };
    expect(decisionProblems(d, bothYes, 'DE')).toEqual([]);
    expect(paths(decisionProblems(d, bothYes, 'FR'))).toEqual(['subjectsExemption']);
  });

  it('treats 34(3)(c) as a change of channel: it needs the public communication on record (D25)', () => {
    const d = {
      notifyAuthority: true,
      notifySubjects: false,
      subjectsReason: 'Contact data of 2 million customers are outdated.',
      subjectsExemption: '34(3)(c)' as const,
    };
    expect(paths(decisionProblems(d, bothYes, 'DE'))).toEqual(['publicCommunication']);
    expect(
      decisionProblems(
        {
          ...d,
          publicCommunication: {
            channel: 'press release and banner on the home page',
            publishedAt: '2025-06-07T10:00:00Z',
            text: 'We inform …',
          },
        },
        bothYes,
        'DE',
      ),
    ).toEqual([]);
  });

  it('refuses an exemption when the people are told, and a public communication without 34(3)(c)', () => {
    expect(paths(decisionProblems({ notifyAuthority: true, notifySubjects: true, subjectsExemption: '34(3)(a)' }, bothYes, 'DE'))).toEqual([
      'subjectsExemption',
    ]);
    expect(
      paths(
        decisionProblems(
          {
            notifyAuthority: true,
            notifySubjects: true,
            publicCommunication: { channel: 'x', publishedAt: '2025-06-07T10:00:00Z', text: 'y' },
          },
          bothYes,
          'DE',
        ),
      ),
    ).toEqual(['publicCommunication']);
  });

  it('refuses "people yes, authority no": a high risk always includes a risk (Art. 34(1) → 33(1))', () => {
    const problems = decisionProblems({ notifyAuthority: false, authorityReason: REASON, notifySubjects: true }, bothYes, 'DE');
    expect(problems).toEqual([{ path: 'notifyAuthority', message: expect.stringContaining('must be true when the people are told') }]);
    expect(
      paths(
        decisionProblems({ notifyAuthority: false, authorityReason: REASON, notifySubjects: true, subjectsReason: REASON }, neither, 'DE'),
      ),
    ).toEqual(['notifyAuthority']);
  });

  it('knows whether a decision follows the recommendation', () => {
    expect(followsRecommendation({ notifyAuthority: true, notifySubjects: true }, bothYes)).toBe(true);
    expect(followsRecommendation({ notifyAuthority: true, notifySubjects: false }, bothYes)).toBe(false);
  });
});
