import { SeverityInput, assessSeverity } from './enisa-severity';
import { NOTHING_HAPPENED } from '../../../test/support/severity-inputs';
import { LARGE_SCALE_AUTHORITY_ABOVE, LARGE_SCALE_SUBJECTS_FROM, RiskFacts, vulnerableCategories } from './risk-flags';

// The incident's facts that raise the recommendation (issue: "the recommendation sees the incident").
const lowLetter: SeverityInput = { ...NOTHING_HAPPENED, confidentiality: 'known_recipients' };
const plain: RiskFacts = { approximateSubjects: 1, specialCategories: [], subjectCategories: ['customers'] };
const run = (input: Partial<SeverityInput>, facts: Partial<RiskFacts>) =>
  assessSeverity({ ...lowLetter, ...input }, { ...plain, ...facts });
const flagsOf = (r: ReturnType<typeof run>) => r.riskFlags.map((f) => `${f.flag}:${f.raises}`);

describe('risk flags from the incident', () => {
  it('keeps the ENISA score as it is: flags never change score or band', () => {
    const without = run({}, {});
    const withAll = run({}, { approximateSubjects: 50_000, specialCategories: ['health'], subjectCategories: ['Kinder'] });
    expect([withAll.score, withAll.band, withAll.dpc]).toEqual([without.score, without.band, without.dpc]);
    expect([without.score, without.band]).toEqual([1.25, 'low']);
  });

  it('the hospital letter: health data sent to the wrong patient with a "simple" grid → authority and people', () => {
    const r = run({}, { specialCategories: ['health'] });
    expect(r.band).toBe('low');
    expect(flagsOf(r)).toEqual(['special_categories:data_subjects']);
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true, subjectsExemption: null });
    expect(r.riskFlags[0]).toMatchObject({
      reason: expect.stringContaining('(health; Art. 9, 10)'),
      source: expect.stringContaining('Art. 9, 10 GDPR'),
    });
    // Before, the same case said "risk unlikely": the flag is what changed it.
    expect(run({}, {}).recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false });
  });

  it('special categories not known yet count as involved (Art. 33(4): unknown is not "none")', () => {
    const r = run({}, { specialCategories: null });
    expect(flagsOf(r)).toEqual(['special_categories:data_subjects']);
    expect(r.riskFlags[0].reason).toMatch(/not known yet/);
    expect(run({}, { specialCategories: ['criminal_convictions_and_offences'] }).recommendation.notifySubjects).toBe(true);
  });

  it(`large_scale: more than ${LARGE_SCALE_AUTHORITY_ABOVE} → the authority; ${LARGE_SCALE_SUBJECTS_FROM} or more with data disclosed → the people too`, () => {
    expect(flagsOf(run({}, { approximateSubjects: 100 }))).toEqual([]);
    expect(flagsOf(run({}, { approximateSubjects: 101 }))).toEqual(['large_scale:authority']);
    expect(run({}, { approximateSubjects: 101 }).recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: false });
    expect(flagsOf(run({}, { approximateSubjects: 9_999 }))).toEqual(['large_scale:authority']);
    expect(flagsOf(run({}, { approximateSubjects: 10_000 }))).toEqual(['large_scale:data_subjects']);
    expect(run({}, { approximateSubjects: 10_000 }).recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true });
    // Unknown number: no flag (the missing list asks for it).
    expect(flagsOf(run({}, { approximateSubjects: null }))).toEqual([]);
    // A long outage of 50,000 people's data without disclosure: the authority, not the people by number alone.
    expect(flagsOf(run({ confidentiality: 'not_affected', availability: 'temporary' }, { approximateSubjects: 50_000 }))).toEqual([
      'large_scale:authority',
    ]);
  });

  it('EDPB 01/2021 case 11: an unencrypted laptop with 100,000 customers stolen → authority and people', () => {
    const r = run({ confidentiality: 'no_evidence_of_misuse', maliciousIntent: true }, { approximateSubjects: 100_000 });
    expect(r.band).toBe('low');
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true });
  });

  it('vulnerable_subjects: children and other vulnerable people in the subject categories (de/en) → the people', () => {
    expect(
      vulnerableCategories([
        'Kinder der Kita',
        'Eltern',
        'customers',
        'Schülerinnen und Schüler',
        'patients',
        'Bewohner im Pflegeheim',
        'Asylbewerber',
        'Mitarbeitende',
      ]),
    ).toEqual(['Kinder der Kita', 'Schülerinnen und Schüler', 'patients', 'Bewohner im Pflegeheim', 'Asylbewerber']);
    expect(vulnerableCategories(['customers', 'employees', 'Kunden', 'newsletter subscribers'])).toEqual([]);
    const r = run({}, { subjectCategories: ['children (under 14)'] });
    expect(flagsOf(r)).toEqual(['vulnerable_subjects:data_subjects']);
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true });
  });

  it('vulnerable_subjects: an explicit yes/no on the incident wins over the categories (for the coming incident field)', () => {
    expect(flagsOf(run({}, { vulnerableSubjects: true }))).toEqual(['vulnerable_subjects:data_subjects']);
    expect(run({}, { vulnerableSubjects: true }).riskFlags[0].reason).toMatch(/the incident records that vulnerable people/);
    expect(flagsOf(run({}, { vulnerableSubjects: false, subjectCategories: ['Kinder'] }))).toEqual([]);
  });

  it('raises nothing when the breach did not reach the data: a few-minute outage stays not notifiable (EDPB 9/2022 Annex B3)', () => {
    const r = run(
      { confidentiality: 'not_affected', availability: 'recoverable_without_difficulty' },
      { approximateSubjects: 80_000, specialCategories: ['health'], subjectCategories: ['patients'] },
    );
    expect(r.riskFlags).toEqual([]);
    expect(r.recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false });
  });

  it('gives each flag its name, level, reason and source; all three at once, in a fixed order', () => {
    const r = run({}, { approximateSubjects: 200, specialCategories: ['health'], subjectCategories: ['Kinder'] });
    expect(r.riskFlags.map((f) => f.flag)).toEqual(['large_scale', 'special_categories', 'vulnerable_subjects']);
    for (const f of r.riskFlags) {
      expect(f.reason).toMatch(new RegExp(`^Flag ${f.flag}: `));
      expect(f.source.length).toBeGreaterThan(10);
    }
    // The flags' reasons are part of the recommendation's reasons, after rule 1's findings on the score.
    expect(r.recommendation.reasons.slice(-3)).toEqual(r.riskFlags.map((f) => f.reason));
    expect(r.recommendation.reasons.join(' ')).not.toMatch(/a risk is unlikely|no high risk/);
  });

  it('rule 2 (unintelligible data, nothing lost) still clears every flag (EDPB 01/2021 cases 06 and 10)', () => {
    const r = run(
      { unintelligible: true, maliciousIntent: true, confidentiality: 'no_evidence_of_misuse' },
      { approximateSubjects: 50_000, specialCategories: ['health'], subjectCategories: ['Kinder'] },
    );
    expect(r.riskFlags).toHaveLength(3);
    expect(r.recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false, subjectsExemption: '34(3)(a)' });
  });

  it('rule 4 (measures removed the high risk) applies to a flag-raised high risk as well', () => {
    const r = run({ highRiskRemovedByMeasures: true }, { specialCategories: ['health'] });
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: false, subjectsExemption: '34(3)(b)' });
  });
});

describe('rule 3: trusted recipients who confirmed deletion', () => {
  const trusted = { recipientTrustedAndDeleted: true };

  it('cites EDPB 01/2021 case 09 (accidental transmission to a trusted third party), not cases 13 and 15', () => {
    const r = run(trusted, {});
    const rule3 = r.recommendation.reasons.find((x) => x.startsWith('Rule 3'))!;
    expect(rule3).toContain('EDPB 01/2021 case 09');
    expect(rule3).not.toMatch(/13|15/);
    expect(r.recommendation).toMatchObject({ notifyAuthority: false, notifySubjects: false });
  });

  it('clears a large scale or vulnerable people (the data went to no one untrusted)', () => {
    expect(run(trusted, { approximateSubjects: 5_000, subjectCategories: ['patients'] }).recommendation).toMatchObject({
      notifyAuthority: false,
      notifySubjects: false,
    });
  });

  it('does not clear special categories: case 09 holds only where no sensitive data were sent', () => {
    const r = run(trusted, { specialCategories: ['health'] });
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true });
    expect(r.recommendation.reasons).toContainEqual(expect.stringMatching(/^Rule 3 does not apply: .*special categories/));
  });

  it('does not cancel a recommendation that a loss of availability triggered', () => {
    for (const availability of ['temporary', 'permanent'] as const) {
      const r = run({ ...trusted, availability }, {});
      expect(r.band).toBe('low');
      expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: false });
      expect(r.recommendation.reasons.find((x) => x.startsWith('Rule 3'))).toContain(
        `availability is ${availability}, and that loss stays notifiable`,
      );
    }
  });
});
