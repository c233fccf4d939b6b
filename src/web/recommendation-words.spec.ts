import { SeverityInput, assessSeverity } from '../assessments/domain/enisa-severity';
import { reasonsInWords } from './recommendation-words';

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
  const stored = assessSeverity(encryptedLaptop, { approximateSubjects: 120 });

  it('says the same findings in German, choices in words and scores with a decimal comma', () => {
    const de = reasonsInWords(encryptedLaptop, stored.scoreQuarters, stored.band, stored.recommendation, 'de');
    expect(stored.score).toBe(1.5);
    expect(de).toEqual([
      'Regel 1: Schweregrad 1,5 ist niedrig, Verfügbarkeit „ohne Schwierigkeiten wiederherstellbar“, keine böswillige Offenlegung: ein Risiko ist unwahrscheinlich (Art. 33 Abs. 1).',
      'Regel 1: Schweregrad 1,5 ist niedrig (unter hoch): kein Hinweis auf ein hohes Risiko für die betroffenen Personen (Art. 34 Abs. 1).',
      expect.stringMatching(/^Regel 2: Die Daten sind für Unbefugte unverständlich .*Verfügbarkeit „ohne Schwierigkeiten wiederherstellbar“, Integrität „nicht betroffen“/),
    ]);
    // One phrase per stored reason, in the same order.
    expect(stored.recommendation.reasons.map((r) => r.slice(0, 7))).toEqual(['Rule 1:', 'Rule 1:', 'Rule 2:']);
  });

  it('says the choices in words on English pages too, while the stored record keeps the codes', () => {
    const en = reasonsInWords(encryptedLaptop, stored.scoreQuarters, stored.band, stored.recommendation, 'en');
    expect(en[0]).toBe('Rule 1: severity 1.5 is low, availability "recoverable without difficulty", no malicious disclosure: a risk is unlikely (Art. 33(1)).');
    expect(stored.recommendation.reasons[0]).toBe('Rule 1: severity 1.5 is low, availability recoverable_without_difficulty, no malicious disclosure: a risk is unlikely (Art. 33(1)).');
  });

  it('shows the reasons as stored when today\'s rules would answer differently (a record is not rewritten)', () => {
    const olderRules = { ...stored.recommendation, notifyAuthority: true, reasons: ['Rule 1: as the rules stood then.'] };
    expect(reasonsInWords(encryptedLaptop, stored.scoreQuarters, stored.band, olderRules, 'de')).toEqual(['Rule 1: as the rules stood then.']);
  });
});
