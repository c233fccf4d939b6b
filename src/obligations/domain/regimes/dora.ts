import { CalendarRule, Condition, RegimeEntry } from '../regime-entry';

const RTS = 'Commission Delegated Regulation (EU) 2025/301, https://eur-lex.europa.eu/eli/reg_del/2025/301/oj';

// A financial entity's major ICT-related incident, to its competent authority (Germany: BaFin).
const APPLIES: Condition[] = [
  { fact: 'profile', flag: 'dora' },
  { fact: 'classified', scheme: 'dora' },
];
const RECIPIENT = { kind: 'authority', from: 'sector_directory', role: 'dora' } as const;

// Art. 5(4): a deadline on a weekend day or a bank holiday of the entity's member state may be met
// by noon of the next working day. Art. 5(5): not for the initial notification and intermediate
// report of credit institutions, CCPs, trading venues and entities designated under NIS2; an
// unknown entity type counts as excepted (the earlier deadline is the safe one).
const WEEKEND_RULE = 'Art. 5(4) Delegated Regulation (EU) 2025/301';
const HOURS_WITH_SHIFT_EXCEPT_LISTED: CalendarRule = {
  hours: 'exact_utc',
  months: null,
  dayEndsIn: 'member_state',
  shift: {
    basis: WEEKEND_RULE,
    notFor: ['credit_institution', 'central_counterparty', 'trading_venue', 'nis2_entity', 'entity_type_unknown'],
  },
};
const MONTH_WITH_SHIFT: CalendarRule = {
  hours: 'exact_utc',
  months: 'reg_1182_71_art_3_2_c',
  dayEndsIn: 'member_state',
  shift: { basis: WEEKEND_RULE, notFor: [] },
};

export const DORA_INITIAL_NOTIFICATION: RegimeEntry = {
  regime: 'dora',
  duty: 'initial_notification',
  title: { en: 'Initial notification to the competent authority', de: 'Erstmeldung an die zuständige Behörde' },
  appliesWhen: APPLIES,
  anchor: { event: 'dora_classified' },
  period: { kind: 'hours', hours: 4 },
  // Art. 5(1)(a) and 5(2): within 4 h of classification and no later than 24 h from awareness;
  // classified only after those 24 h: within 4 h of classification.
  cap: { anchor: { event: 'dora_aware' }, hours: 24 },
  calendar: HOURS_WITH_SHIFT_EXCEPT_LISTED,
  recipient: RECIPIENT,
  legalBasis: 'Art. 19(4)(a) DORA (Regulation (EU) 2022/2554); Art. 5(1)(a), 5(2), 5(4)–(5) Delegated Regulation (EU) 2025/301',
  quote: {
    text: 'for the initial report: as early as possible, but in any case, within four hours from the classification of the ICT-related incident as major, and no later than 24 hours from the moment the financial entity has become aware of the ICT-related incident',
    source: `${RTS}, Art. 5(1)(a) [S: read in a consolidated copy, re-verify against the Official Journal]`,
  },
  dueRule: {
    en: '4 hours after classification as major, but no later than 24 hours after awareness; if classified after those 24 hours, 4 hours after classification; a deadline on a weekend or bank holiday moves to noon of the next working day except for credit institutions, CCPs, trading venues and NIS2 entities',
    de: '4 Stunden nach Einstufung als schwerwiegend, spätestens 24 Stunden nach Kenntnis; bei Einstufung nach diesen 24 Stunden 4 Stunden nach Einstufung; fällt die Frist auf ein Wochenende oder einen Feiertag, endet sie um 12 Uhr des nächsten Arbeitstags, außer für Kreditinstitute, zentrale Gegenparteien, Handelsplätze und NIS-2-Einrichtungen',
  },
  lateNeedsReasons: true,
};

export const DORA_INTERMEDIATE_REPORT: RegimeEntry = {
  regime: 'dora',
  duty: 'intermediate_report',
  title: { en: 'Intermediate report to the competent authority', de: 'Zwischenmeldung an die zuständige Behörde' },
  appliesWhen: APPLIES,
  anchor: { event: 'filing', duty: 'initial_notification', which: 'first' },
  period: { kind: 'hours', hours: 72 },
  calendar: HOURS_WITH_SHIFT_EXCEPT_LISTED,
  recipient: RECIPIENT,
  legalBasis: 'Art. 19(4)(b) DORA; Art. 5(1)(b), 5(4)–(5) Delegated Regulation (EU) 2025/301',
  quote: {
    text: 'for the intermediate report: at the latest within 72 hours from the submission of the initial notification, even where the status or the handling of the incident have not changed',
    source: `${RTS}, Art. 5(1)(b) [S: consolidated copy, re-verify]`,
  },
  dueRule: {
    en: '72 hours after the initial notification was filed; weekend and bank-holiday rule as for the initial notification',
    de: '72 Stunden nach Übermittlung der Erstmeldung; Wochenend- und Feiertagsregel wie bei der Erstmeldung',
  },
  lateNeedsReasons: true,
};

export const DORA_FINAL_REPORT: RegimeEntry = {
  regime: 'dora',
  duty: 'final_report',
  title: { en: 'Final report to the competent authority', de: 'Abschlussmeldung an die zuständige Behörde' },
  appliesWhen: APPLIES,
  anchor: { event: 'filing', duty: 'intermediate_report', which: 'latest' },
  period: { kind: 'months', months: 1 },
  calendar: MONTH_WITH_SHIFT,
  recipient: RECIPIENT,
  legalBasis:
    'Art. 19(4)(c) DORA; Art. 5(1)(c), 5(4) Delegated Regulation (EU) 2025/301; Art. 3(2)(c) Regulation (EEC, Euratom) No 1182/71',
  quote: {
    text: 'for the final report: no later than one month after either the submission of the intermediate report, or, where applicable, after the latest updated intermediate report',
    source: `${RTS}, Art. 5(1)(c) [S: consolidated copy, re-verify]`,
  },
  dueRule: {
    en: "one calendar month after the latest intermediate report: until the end of the day with the same date in the member state's time; on a weekend or bank holiday, noon of the next working day",
    de: 'einen Kalendermonat nach der letzten Zwischenmeldung: bis zum Ablauf des Tages mit derselben Zahl (Ortszeit des Mitgliedstaats); an einem Wochenende oder Feiertag 12 Uhr des nächsten Arbeitstags',
  },
  lateNeedsReasons: true,
};

export const DORA = [DORA_INITIAL_NOTIFICATION, DORA_INTERMEDIATE_REPORT, DORA_FINAL_REPORT];
