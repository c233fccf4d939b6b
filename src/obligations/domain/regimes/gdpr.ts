import { EXACT_HOURS, RegimeEntry } from '../regime-entry';

const GDPR = 'Regulation (EU) 2016/679, https://eur-lex.europa.eu/eli/reg/2016/679/oj';

// Art. 33(1): one obligation per target authority of the routing rules (lead authority for an
// EU/EEA main establishment; one per member state of the people affected without one).
export const GDPR_NOTIFY_AUTHORITY: RegimeEntry = {
  regime: 'gdpr',
  duty: 'notify_authority',
  title: { en: 'Notify the supervisory authority', de: 'Meldung an die Aufsichtsbehörde' },
  appliesWhen: [{ fact: 'submitted' }, { fact: 'territory', territory: 'EU_EEA' }, { fact: 'authority_not_declined' }],
  anchor: { event: 'controller_aware' },
  period: { kind: 'hours', hours: 72 },
  calendar: EXACT_HOURS,
  recipient: { kind: 'authority', from: 'gdpr_routing' },
  legalBasis: 'Art. 33(1) GDPR; Art. 55, 56 GDPR; EDPB Guidelines 9/2022 para 73',
  quote: {
    text: 'the controller shall without undue delay and, where feasible, not later than 72 hours after having become aware of it, notify the personal data breach to the supervisory authority competent in accordance with Article 55',
    source: `${GDPR}, Art. 33(1)`,
  },
  dueRule: {
    en: '72 hours after the controller became aware, exact to the second; weekends and holidays count',
    de: '72 Stunden nach Kenntnis des Verantwortlichen, sekundengenau; Wochenenden und Feiertage zählen mit',
  },
  lateNeedsReasons: true,
};

// Art. 34(1): from the decision to tell the people; "without undue delay", no hours.
export const GDPR_COMMUNICATE_TO_DATA_SUBJECTS: RegimeEntry = {
  regime: 'gdpr',
  duty: 'communicate_to_data_subjects',
  title: { en: 'Tell the people affected', de: 'Benachrichtigung der betroffenen Personen' },
  appliesWhen: [{ fact: 'subjects_to_be_told' }],
  anchor: { event: 'subjects_decided' },
  period: { kind: 'none' },
  calendar: EXACT_HOURS,
  recipient: { kind: 'data_subjects' },
  legalBasis: 'Art. 34(1) GDPR (Art. 34(3)(c): public communication instead)',
  quote: {
    text: 'the controller shall communicate the personal data breach to the data subject without undue delay',
    source: `${GDPR}, Art. 34(1)`,
  },
  dueRule: {
    en: 'without undue delay from the decision to tell the people; no fixed deadline',
    de: 'unverzüglich ab der Entscheidung, die Betroffenen zu benachrichtigen; keine feste Frist',
  },
  lateNeedsReasons: false,
};
