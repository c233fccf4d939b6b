import { SeverityInput, assessSeverity } from '../assessments/domain/enisa-severity';
import { ENGLISH_FLAG_PHRASES } from '../assessments/domain/risk-flags';
import { reasonPhrases, reasonsInWords } from './recommendation-words';

const encryptedLaptop: SeverityInput = {
  dataCategories: [{ category: 'behavioural' }],
  easeOfIdentification: 'significant',
  confidentiality: 'no_evidence_of_misuse',
  integrity: 'not_affected',
  availability: 'recoverable_without_difficulty',
  maliciousIntent: false,
  unintelligible: true,
  recipientTrustedAndDeleted: false,
  highRiskRemovedByMeasures: false,
};

describe('the recommendation in the words of the page', () => {
  const facts = { approximateSubjects: 12, specialCategories: [], subjectCategories: ['customers'] };
  const stored = assessSeverity(encryptedLaptop, facts);

  it('says the same findings in German, choices in words and scores with a decimal comma', () => {
    const de = reasonsInWords(encryptedLaptop, stored.scoreQuarters, stored.band, stored.recommendation, 'de', facts);
    expect(stored.score).toBe(1.5);
    expect(de).toEqual([
      'Regel 1: Schweregrad 1,5 ist niedrig, Verfügbarkeit „ohne Schwierigkeiten wiederherstellbar“, keine böswillige Offenlegung: ein Risiko ist unwahrscheinlich (Art. 33 Abs. 1).',
      'Regel 1: Schweregrad 1,5 ist niedrig (unter hoch): kein Hinweis auf ein hohes Risiko für die betroffenen Personen (Art. 34 Abs. 1).',
      expect.stringMatching(
        /^Regel 2: Die Daten sind für Unbefugte unverständlich .*Verfügbarkeit „ohne Schwierigkeiten wiederherstellbar“, Integrität „nicht betroffen“/,
      ),
    ]);
    // One phrase per stored reason, in the same order.
    expect(stored.recommendation.reasons.map((r) => r.slice(0, 7))).toEqual(['Rule 1:', 'Rule 1:', 'Rule 2:']);
  });

  it('says the choices in words on English pages too, while the stored record keeps the codes', () => {
    const en = reasonsInWords(encryptedLaptop, stored.scoreQuarters, stored.band, stored.recommendation, 'en', facts);
    expect(en[0]).toBe(
      'Rule 1: severity 1.5 is low, availability "recoverable without difficulty", no malicious disclosure: a risk is unlikely (Art. 33(1)).',
    );
    expect(stored.recommendation.reasons[0]).toBe(
      'Rule 1: severity 1.5 is low, availability recoverable_without_difficulty, no malicious disclosure: a risk is unlikely (Art. 33(1)).',
    );
  });

  it('says the flags of the incident in German from the facts stored with the assessment', () => {
    const letter: SeverityInput = {
      ...encryptedLaptop,
      dataCategories: [{ category: 'simple' }],
      confidentiality: 'known_recipients',
      unintelligible: false,
    };
    const withHealth = { approximateSubjects: 1, specialCategories: ['health'], subjectCategories: ['Patientinnen und Patienten'] };
    const r = assessSeverity(letter, withHealth);
    expect(r.recommendation).toMatchObject({ notifyAuthority: true, notifySubjects: true });
    const de = reasonsInWords(letter, r.scoreQuarters, r.band, r.recommendation, 'de', withHealth);
    expect(de.filter((x) => x.startsWith('Merkmal'))).toEqual([
      expect.stringContaining('besondere Kategorien personenbezogener Daten (Gesundheitsdaten; Art. 9, 10)'),
      expect.stringContaining('schutzbedürftige Personen (Patientinnen und Patienten)'),
    ]);
    // Without the stored facts (an assessment from before the flags) the stored English stays.
    expect(reasonsInWords(letter, r.scoreQuarters, r.band, r.recommendation, 'de')).toEqual(r.recommendation.reasons);
  });

  it("shows the reasons as stored when today's rules would answer differently (a record is not rewritten)", () => {
    const olderRules = { ...stored.recommendation, notifyAuthority: true, reasons: ['Rule 1: as the rules stood then.'] };
    expect(reasonsInWords(encryptedLaptop, stored.scoreQuarters, stored.band, olderRules, 'de')).toEqual([
      'Rule 1: as the rules stood then.',
    ]);
  });

  it('says the flags on English pages as the stored record does, special categories in words', () => {
    const en = reasonPhrases('en');
    expect([
      en.largeScale(12_345, true),
      en.largeScale(250, false),
      en.vulnerableSubjects(null),
      en.vulnerableSubjects(['children']),
    ]).toEqual([
      ENGLISH_FLAG_PHRASES.largeScale(12_345, true),
      ENGLISH_FLAG_PHRASES.largeScale(250, false),
      ENGLISH_FLAG_PHRASES.vulnerableSubjects(null),
      ENGLISH_FLAG_PHRASES.vulnerableSubjects(['children']),
    ]);
    expect(en.specialCategories(['health'])).toBe(ENGLISH_FLAG_PHRASES.specialCategories(['data concerning health']));
    expect(reasonPhrases('de').largeScale(12_345, true)).toMatch(
      /^Merkmal large_scale: etwa 12\.345 Personen sind betroffen \(10\.000 oder mehr\)/,
    );
  });
});
