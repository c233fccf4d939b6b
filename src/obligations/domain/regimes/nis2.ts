import { CalendarRule, Condition, EXACT_HOURS, RegimeEntry } from '../regime-entry';

const NIS2_SOURCE = 'Directive (EU) 2022/2555, https://eur-lex.europa.eu/eli/dir/2022/2555/oj';

// An essential or important entity's significant incident, to the CSIRT or competent authority of
// its member state (Germany: the BSI, § 32 BSIG). A DORA financial entity reports under DORA
// instead: DORA is the sector-specific act of NIS2 Art. 4 (DORA Art. 1(2)).
const APPLIES: Condition[] = [
  { fact: 'profile', flag: 'nis2' },
  {
    fact: 'not_profile',
    flag: 'dora',
    reason:
      'a DORA financial entity reports the incident under DORA Art. 19, which takes the place of NIS2 reporting (NIS2 Art. 4; DORA Art. 1(2))',
  },
  { fact: 'classified', scheme: 'nis2' },
];
const RECIPIENT = { kind: 'csirt', from: 'sector_directory', role: 'nis2' } as const;

export const NIS2_EARLY_WARNING: RegimeEntry = {
  regime: 'nis2',
  duty: 'early_warning',
  title: { en: 'Early warning to the CSIRT', de: 'Frühe Erstmeldung (Frühwarnung)' },
  appliesWhen: APPLIES,
  anchor: { event: 'nis2_aware' },
  period: { kind: 'hours', hours: 24 },
  calendar: EXACT_HOURS,
  recipient: RECIPIENT,
  legalBasis: 'Art. 23(4)(a) NIS2; Germany: § 32(1) no. 1 BSIG',
  quote: {
    text: 'without undue delay and in any event within 24 hours of becoming aware of the significant incident, an early warning',
    source: `${NIS2_SOURCE}, Art. 23(4)(a)`,
  },
  dueRule: {
    en: '24 hours after becoming aware of the significant incident, exact to the second',
    de: '24 Stunden nach Kenntnis des erheblichen Sicherheitsvorfalls, sekundengenau',
  },
  lateNeedsReasons: true,
};

export const NIS2_INCIDENT_NOTIFICATION: RegimeEntry = {
  regime: 'nis2',
  duty: 'incident_notification',
  title: { en: 'Incident notification to the CSIRT', de: 'Meldung des Sicherheitsvorfalls' },
  appliesWhen: APPLIES,
  anchor: { event: 'nis2_aware' },
  period: { kind: 'hours', hours: 72 },
  variants: [
    {
      when: { fact: 'profile_flag', flag: 'trustServiceProvider' },
      period: { kind: 'hours', hours: 24 },
      legalBasis: 'Art. 23(4), second subparagraph, NIS2 (trust service providers)',
      dueRule: {
        en: '24 hours after becoming aware of the significant incident (trust service provider), exact to the second',
        de: '24 Stunden nach Kenntnis des erheblichen Sicherheitsvorfalls (Vertrauensdiensteanbieter), sekundengenau',
      },
    },
  ],
  calendar: EXACT_HOURS,
  recipient: RECIPIENT,
  legalBasis: 'Art. 23(4)(b) NIS2; Germany: § 32(1) no. 2 BSIG',
  quote: {
    text: 'without undue delay and in any event within 72 hours of becoming aware of the significant incident, an incident notification',
    source: `${NIS2_SOURCE}, Art. 23(4)(b); trust service providers: "within 24 hours", Art. 23(4) second subparagraph`,
  },
  dueRule: {
    en: '72 hours after becoming aware of the significant incident, exact to the second',
    de: '72 Stunden nach Kenntnis des erheblichen Sicherheitsvorfalls, sekundengenau',
  },
  lateNeedsReasons: true,
};

// One calendar month after the incident notification's filing, counted as Reg. 1182/71 Art. 3(2)(c)
// counts (§ 187(1), § 188(2) BGB give the same end in Germany), ending with the member state's day.
// The end is not moved off a weekend (Art. 3(4) would move it later; the earlier end is the safe one).
const ONE_MONTH: CalendarRule = { hours: 'exact_utc', months: 'reg_1182_71_art_3_2_c', dayEndsIn: 'member_state', shift: null };

export const NIS2_FINAL_REPORT: RegimeEntry = {
  regime: 'nis2',
  duty: 'final_report',
  title: { en: 'Final report to the CSIRT', de: 'Abschlussmeldung' },
  appliesWhen: APPLIES,
  anchor: { event: 'filing', duty: 'incident_notification', which: 'first' },
  period: { kind: 'months', months: 1 },
  calendar: ONE_MONTH,
  recipient: RECIPIENT,
  legalBasis: 'Art. 23(4)(d) NIS2; Germany: § 32(1) no. 4 BSIG',
  quote: {
    text: 'a final report not later than one month after the submission of the incident notification under point (b)',
    source: `${NIS2_SOURCE}, Art. 23(4)(d)`,
  },
  dueRule: {
    en: "one calendar month after the incident notification was filed: until the end of the day with the same date in the member state's time",
    de: 'einen Kalendermonat nach Übermittlung der Meldung: bis zum Ablauf des Tages mit derselben Zahl (Ortszeit des Mitgliedstaats)',
  },
  lateNeedsReasons: true,
};

export const NIS2 = [NIS2_EARLY_WARNING, NIS2_INCIDENT_NOTIFICATION, NIS2_FINAL_REPORT];
