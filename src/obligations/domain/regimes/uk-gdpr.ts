import { EXACT_HOURS, RegimeEntry } from '../regime-entry';

// UK GDPR keeps the EU numbering; the ICO is outside the one-stop-shop, so it comes on top of EU
// authorities when UK residents are affected.
export const UK_GDPR_NOTIFY_AUTHORITY: RegimeEntry = {
  regime: 'uk_gdpr',
  duty: 'notify_authority',
  title: { en: 'Notify the ICO', de: 'Meldung an das ICO' },
  appliesWhen: [{ fact: 'submitted' }, { fact: 'territory', territory: 'GB' }, { fact: 'authority_not_declined' }],
  anchor: { event: 'controller_aware' },
  period: { kind: 'hours', hours: 72 },
  calendar: EXACT_HOURS,
  recipient: { kind: 'authority', from: 'authority', authorityId: 'gb' },
  legalBasis: 'Art. 33(1) UK GDPR',
  quote: {
    text: 'the controller shall without undue delay and, where feasible, not later than 72 hours after having become aware of it, notify the personal data breach to the Commissioner',
    source: 'UK GDPR, Art. 33(1), https://www.legislation.gov.uk/eur/2016/679/article/33 [S: wording as retained, re-verify]',
  },
  dueRule: {
    en: '72 hours after the controller became aware, exact to the second',
    de: '72 Stunden nach Kenntnis des Verantwortlichen, sekundengenau',
  },
  lateNeedsReasons: true,
};
