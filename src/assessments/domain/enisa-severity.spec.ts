import { SeverityInput, assessSeverity, bandOf, severityInputProblems } from './enisa-severity';
import { RiskFacts } from './risk-flags';
import { NOTHING_HAPPENED } from '../../../test/support/severity-inputs';

// regulatory.md §6 and §10.3 (N1–N9); N10 (invalid input) is refused by the API's validation.
const base = NOTHING_HAPPENED;
// A few customers, no special categories: the incident's facts raise nothing.
const few: RiskFacts = { approximateSubjects: 10, specialCategories: [], subjectCategories: ['customers'] };
const assess = (over: Partial<SeverityInput>, facts: Partial<RiskFacts> = {}) => assessSeverity({ ...base, ...over }, { ...few, ...facts });

describe('ENISA severity score SE = DPC × EI + CB', () => {
  it.each([
    ['N1', { dataCategories: [{ category: 'simple' as const }] }, 1, 'low'],
    ['N2', { dataCategories: [{ category: 'behavioural' as const }] }, 2, 'medium'],
    ['N3', { dataCategories: [{ category: 'financial' as const }] }, 3, 'high'],
    ['N4', { dataCategories: [{ category: 'sensitive' as const }] }, 4, 'very_high'],
    [
      'N5',
      {
        dataCategories: [{ category: 'sensitive' as const }],
        easeOfIdentification: 'negligible' as const,
        confidentiality: 'unknown_recipients' as const,
        maliciousIntent: true,
      },
      2,
      'medium',
    ],
    [
      'N6',
      {
        dataCategories: [{ category: 'financial' as const }],
        easeOfIdentification: 'significant' as const,
        confidentiality: 'known_recipients' as const,
      },
      2.5,
      'medium',
    ],
    [
      'N7',
      {
        dataCategories: [{ category: 'sensitive' as const }],
        confidentiality: 'unknown_recipients' as const,
        integrity: 'not_recoverable' as const,
        availability: 'permanent' as const,
        maliciousIntent: true,
      },
      6,
      'very_high',
    ],
    ['N8', { easeOfIdentification: 'negligible' as const }, 0.25, 'low'],
  ])('%s: scores %p', (_name, over, score, band) => {
    const result = assess(over as Partial<SeverityInput>);
    expect(result.score).toBe(score);
    expect(result.band).toBe(band);
  });

  it('N9: several categories take the highest, an adjusted score counts', () => {
    const result = assess({
      dataCategories: [
        { category: 'financial' },
        { category: 'behavioural', score: 4, reason: 'a profile of everyday life based on health-related purchases' },
      ],
    });
    expect(result.dpc).toBe(4);
    expect(result.score).toBe(4);
  });

  it('puts the band limits exactly: 1.75 low, 2 medium, 2.75 medium, 3 high, 3.75 high, 4 very high', () => {
    expect([7, 8, 11, 12, 15, 16].map(bandOf)).toEqual(['low', 'medium', 'medium', 'high', 'high', 'very_high']);
  });

  it('sets the flags: more than 100 subjects (from the incident) and unintelligible', () => {
    expect(assess({}, { approximateSubjects: 101 }).flags).toEqual({ moreThan100Subjects: true, unintelligible: false });
    expect(assess({ unintelligible: true }, { approximateSubjects: 100 }).flags).toEqual({
      moreThan100Subjects: false,
      unintelligible: true,
    });
    expect(assess({}, { approximateSubjects: null }).flags.moreThan100Subjects).toBe(false);
  });

  it('asks for a reason of at least 20 characters when a score departs from the base', () => {
    expect(severityInputProblems({ ...base, dataCategories: [{ category: 'simple', score: 3 }] })).toEqual([
      { path: 'dataCategories.0.reason', message: expect.stringContaining('at least 20 characters') },
    ]);
    expect(
      severityInputProblems({ ...base, dataCategories: [{ category: 'simple', score: 3, reason: '   too short        ' }] }),
    ).toHaveLength(1);
    expect(severityInputProblems({ ...base, dataCategories: [{ category: 'simple', score: 1 }] })).toEqual([]);
    expect(
      severityInputProblems({
        ...base,
        dataCategories: [{ category: 'simple', score: 3, reason: 'e-pharmacy customers: health inferred' }],
      }),
    ).toEqual([]);
  });
});

describe('recommendation rules, in order', () => {
  it('rule 1: medium or above → authority; high or above → people', () => {
    expect(assess({ dataCategories: [{ category: 'simple' }] }).recommendation).toMatchObject({
      notifyAuthority: false,
      notifySubjects: false,
      subjectsExemption: null,
    });
    expect(assess({ dataCategories: [{ category: 'behavioural' }] }).recommendation).toMatchObject({
      notifyAuthority: true,
      notifySubjects: false,
    });
    expect(assess({ dataCategories: [{ category: 'financial' }] }).recommendation).toMatchObject({
      notifyAuthority: true,
      notifySubjects: true,
    });
  });

  it('rule 1: a temporary or permanent loss of availability is notifiable even at a low score', () => {
    const r = assess({ availability: 'temporary' });
    expect(r.band).toBe('low');
    expect(r.recommendation.notifyAuthority).toBe(true);
    expect(r.recommendation.reasons.join(' ')).toContain('availability is temporary');
  });

  it('rule 1: malicious intent with exposure to recipients is notifiable even at a low score', () => {
    const r = assess({ easeOfIdentification: 'negligible', maliciousIntent: true, confidentiality: 'known_recipients' });
    expect(r.band).toBe('low');
    expect(r.recommendation.notifyAuthority).toBe(true);
    expect(
      assess({ easeOfIdentification: 'negligible', maliciousIntent: true, confidentiality: 'no_evidence_of_misuse' }).recommendation
        .notifyAuthority,
    ).toBe(false);
  });

  it('rule 2: unintelligible data with nothing lost or misused → neither, people exempt under 34(3)(a)', () => {
    const r = assess({
      dataCategories: [{ category: 'sensitive' }],
      confidentiality: 'unknown_recipients',
      unintelligible: true,
      availability: 'recoverable_without_difficulty',
    });
    expect(r.recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false, subjectsExemption: '34(3)(a)' });
    expect(r.recommendation.reasons.some((x) => x.startsWith('Rule 2:'))).toBe(true);
  });

  it('rule 2 does not apply when availability is lost (the encrypted data were the only copy)', () => {
    const r = assess({ dataCategories: [{ category: 'sensitive' }], unintelligible: true, availability: 'permanent' });
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true, subjectsExemption: null });
  });

  it('rule 3: trusted recipients who deleted, below high, not malicious → neither', () => {
    const r = assess({
      dataCategories: [{ category: 'behavioural' }],
      confidentiality: 'known_recipients',
      recipientTrustedAndDeleted: true,
    });
    expect(r.band).toBe('medium');
    expect(r.recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false });
    expect(assess({ dataCategories: [{ category: 'financial' }], recipientTrustedAndDeleted: true }).recommendation.notifyAuthority).toBe(
      true,
    );
    expect(
      assess({ dataCategories: [{ category: 'behavioural' }], maliciousIntent: true, recipientTrustedAndDeleted: true }).recommendation
        .notifyAuthority,
    ).toBe(true);
  });

  it('rule 4: measures that remove the high risk → people no under 34(3)(b), authority unchanged', () => {
    const r = assess({ dataCategories: [{ category: 'sensitive' }], highRiskRemovedByMeasures: true });
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: false, subjectsExemption: '34(3)(b)' });
  });

  it('gives every decision a reason that names its rule', () => {
    const r = assess({ dataCategories: [{ category: 'financial' }] });
    expect(r.recommendation.reasons.length).toBeGreaterThanOrEqual(2);
    expect(r.recommendation.reasons.every((x) => /^Rule \d:/.test(x))).toBe(true);
    const flagged = assess({ confidentiality: 'known_recipients' }, { specialCategories: ['health'] });
    expect(flagged.recommendation.reasons.every((x) => /^(Rule \d|Flag \w+):/.test(x))).toBe(true);
  });
});

// regulatory.md §6.7: our scoring of EDPB cases. The score advises; where it departs from the EDPB
// outcome the DPO decides otherwise, with reasons (tested in the decision e2e tests).
describe('worked EDPB cases (regulatory.md §6.7, §10.1)', () => {
  it('EDPB 01 ransomware, encrypted, backup restored within hours: 1.75 low + unintelligible', () => {
    const r = assess({ availability: 'temporary', maliciousIntent: true, unintelligible: true }, { approximateSubjects: 40 });
    expect([r.score, r.band, r.flags.unintelligible]).toEqual([1.75, 'low', true]);
    // availability "temporary" keeps rule 1's authority recommendation; recorded as restorable without difficulty, rule 2 clears it:
    expect(r.recommendation.notifyAuthority).toBe(true);
    const restored = assess({ availability: 'recoverable_without_difficulty', maliciousIntent: true, unintelligible: true });
    expect(restored.recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false });
  });

  it('EDPB 03 hospital ransomware, 2-day restore: 4.75 very high → authority and people (D3)', () => {
    const r = assess({ dataCategories: [{ category: 'sensitive' }], availability: 'temporary', maliciousIntent: true });
    expect([r.score, r.band]).toEqual([4.75, 'very_high']);
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true });
  });

  it('EDPB 13 swapped packing slips: 1.25 low → neither (D12)', () => {
    const r = assess({ confidentiality: 'known_recipients' });
    expect([r.score, r.band]).toEqual([1.25, 'low']);
    expect(r.recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false });
  });

  it('EDPB 07 credential stuffing: 5.0 very high → authority and people (D6)', () => {
    const r = assess(
      {
        dataCategories: [{ category: 'financial', score: 4, reason: 'online banking with transfers (ENISA A3)' }],
        confidentiality: 'unknown_recipients',
        maliciousIntent: true,
      },
      { approximateSubjects: 100_000 },
    );
    expect([r.score, r.band, r.flags.moreThan100Subjects]).toEqual([5, 'very_high', true]);
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true });
  });

  it('EDPB 10 encrypted tablets stolen (children): 2.5 medium + unintelligible → rule 2 clears it (D9)', () => {
    const r = assess({
      dataCategories: [{ category: 'simple', score: 2, reason: 'children in a daycare centre: a vulnerable group' }],
      maliciousIntent: true,
      unintelligible: true,
      availability: 'recoverable_without_difficulty',
    });
    expect([r.score, r.band]).toEqual([2.5, 'medium']);
    expect(r.recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false });
  });

  it('EDPB 12 rehab logbook, no copy: 5.5 very high → authority and people (D11)', () => {
    const r = assess({
      dataCategories: [{ category: 'sensitive' }],
      confidentiality: 'unknown_recipients',
      availability: 'permanent',
      maliciousIntent: true,
    });
    expect([r.score, r.band]).toEqual([5.5, 'very_high']);
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true });
  });

  it('D5 salted hashes leaked, pseudonymous users: unintelligible → neither', () => {
    const r = assess({
      easeOfIdentification: 'negligible',
      confidentiality: 'unknown_recipients',
      maliciousIntent: true,
      unintelligible: true,
    });
    expect(r.recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false });
  });

  it('D19 few-minute power outage: low, recoverable without difficulty → neither', () => {
    const r = assess({ availability: 'recoverable_without_difficulty' });
    expect(r.recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false });
  });
});
