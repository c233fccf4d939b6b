import { EXACT_HOURS, RegimeEntry } from '../regime-entry';

// Providers of publicly available electronic communications services notify every personal data
// breach, whatever the risk (Directive 2002/58/EC Art. 4(3)), within 24 h of detection, to the
// national authority (Germany: BfDI and Bundesnetzagentur, § 169 TKG). Detection is the provider's
// "sufficient awareness" (Art. 2(2) second subparagraph), i.e. the controller's awareness.
//
// This entry is the proof that a regime is data: the engine has no line for it.
export const EPRIVACY_NOTIFY_AUTHORITY: RegimeEntry = {
  regime: 'eprivacy',
  duty: 'notify_authority',
  title: { en: 'Notify the national authority (electronic communications)', de: 'Meldung an die nationale Behörde (Telekommunikation)' },
  appliesWhen: [{ fact: 'profile', flag: 'telecom' }, { fact: 'submitted' }],
  anchor: { event: 'detected' },
  period: { kind: 'hours', hours: 24 },
  calendar: EXACT_HOURS,
  recipient: { kind: 'authority', from: 'sector_directory', role: 'eprivacy' },
  legalBasis: 'Art. 2(2) Commission Regulation (EU) No 611/2013; Art. 4(3) Directive 2002/58/EC; Germany: § 169 TKG',
  quote: {
    text: 'The provider shall notify the personal data breach to the competent national authority no later than 24 hours after the detection of the personal data breach, where feasible.',
    source:
      'Commission Regulation (EU) No 611/2013, Art. 2(2), https://eur-lex.europa.eu/eli/reg/2013/611/oj [S: wording as quoted in the project notes, re-verify]',
  },
  dueRule: {
    en: '24 hours after the provider detected the breach, exact to the second',
    de: '24 Stunden nach Feststellung der Verletzung durch den Anbieter, sekundengenau',
  },
  lateNeedsReasons: true,
};
