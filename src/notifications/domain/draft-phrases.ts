import { vulnerableCategories } from '../../assessments/domain/risk-flags';
import { Language, label, SPECIAL_CATEGORY_LABELS } from './labels';

// Sentences of the drafts that depend on the shape of the facts (a moment or a range of time, late
// or in time, a risk found or pending), in both languages. Pure.

type Words = { de: string; en: string };

// Art. 9/10 data as the people themselves would name it (Art. 34(2): clear and plain language).
export const SPECIAL_CATEGORY_PLAIN: Record<string, Words> = {
  racial_or_ethnic_origin: { de: 'Angaben zur ethnischen Herkunft', en: 'information about racial or ethnic origin' },
  political_opinions: { de: 'Angaben zu politischen Ansichten', en: 'information about political opinions' },
  religious_or_philosophical_beliefs: {
    de: 'Angaben zur Religion oder Weltanschauung',
    en: 'information about religious or philosophical beliefs',
  },
  trade_union_membership: { de: 'Angaben zur Mitgliedschaft in einer Gewerkschaft', en: 'information about trade union membership' },
  genetic: { de: 'genetische Daten (Angaben zum Erbgut)', en: 'genetic data (information about your genes)' },
  biometric: {
    de: 'biometrische Daten (etwa Fingerabdruck oder Gesichtsbild)',
    en: 'biometric data (such as fingerprints or facial images)',
  },
  health: { de: 'Angaben zur Gesundheit', en: 'information about health' },
  sex_life_or_orientation: {
    de: 'Angaben zum Sexualleben oder zur sexuellen Orientierung',
    en: 'information about sex life or sexual orientation',
  },
  criminal_convictions_and_offences: {
    de: 'Angaben zu strafrechtlichen Verurteilungen oder Straftaten',
    en: 'information about criminal convictions or offences',
  },
};

// For the people: which especially sensitive data are involved, or that this is still being checked.
export function specialCategoriesPlain(special: string[] | null, lang: Language): string | null {
  if (special === null) {
    return lang === 'de'
      ? 'Ob auch besonders schützenswerte Angaben (etwa zur Gesundheit) betroffen sind, prüfen wir noch.'
      : 'We are still checking whether especially sensitive information (such as information about health) is involved.';
  }
  if (special.length === 0) return null;
  const list = special.map((c) => label(SPECIAL_CATEGORY_PLAIN, c, lang)).join(', ');
  return lang === 'de'
    ? `Darunter sind besonders schützenswerte Angaben: ${list}.`
    : `This includes especially sensitive information: ${list}.`;
}

export type OccurredShape = 'instant' | 'range' | 'since' | 'unknown';

export function occurredShape(i: { occurredAt: Date | null; occurredFrom: Date | null; occurredUntil: Date | null }): OccurredShape {
  if (i.occurredAt) return 'instant';
  if (i.occurredFrom) return i.occurredUntil ? 'range' : 'since';
  return 'unknown';
}

// When the breach occurred, for the lists of the authority and processor documents; null when unknown.
export function occurredText(shape: OccurredShape, from: string | null, until: string | null, lang: Language): string | null {
  const de = lang === 'de';
  switch (shape) {
    case 'instant':
      return from;
    case 'range':
      return de ? `vom ${from} bis zum ${until}` : `from ${from} to ${until}`;
    case 'since':
      return de ? `seit dem ${from} (Ende noch nicht bekannt)` : `since ${from} (end not known yet)`;
    case 'unknown':
      return null;
  }
}

// When it happened and when we learned of it, as whole sentences for the letter to the people.
export function occurredSentence(shape: OccurredShape, from: string | null, until: string | null, aware: string, lang: Language): string {
  const de = lang === 'de';
  switch (shape) {
    case 'instant':
      return de
        ? `Der Vorfall ereignete sich am ${from}; wir haben am ${aware} davon erfahren.`
        : `It happened on ${from}; we found out on ${aware}.`;
    case 'range':
      return de
        ? `Der Vorfall ereignete sich zwischen dem ${from} und dem ${until}; wir haben am ${aware} davon erfahren.`
        : `It happened between ${from} and ${until}; we found out on ${aware}.`;
    case 'since':
      return de
        ? `Der Vorfall begann am ${from}; wann er endete, wissen wir noch nicht. Wir haben am ${aware} davon erfahren.`
        : `It began on ${from}; we do not know yet when it ended. We found out on ${aware}.`;
    case 'unknown':
      return de
        ? `Wann genau der Vorfall geschah, klären wir noch; wir haben am ${aware} davon erfahren.`
        : `We are still establishing when exactly it happened; we found out on ${aware}.`;
  }
}

// "2 Tage, 3 Stunden und 5 Minuten" / "2 days, 3 hours and 5 minutes"; under a minute says so.
export function durationText(ms: number, lang: Language): string {
  const de = lang === 'de';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return de ? 'weniger als eine Minute' : 'less than a minute';
  const parts: [number, Words, Words][] = [
    [Math.floor(minutes / 1440), { de: 'Tag', en: 'day' }, { de: 'Tage', en: 'days' }],
    [Math.floor((minutes % 1440) / 60), { de: 'Stunde', en: 'hour' }, { de: 'Stunden', en: 'hours' }],
    [minutes % 60, { de: 'Minute', en: 'minute' }, { de: 'Minuten', en: 'minutes' }],
  ];
  const said = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${(n === 1 ? one : many)[lang]}`);
  return said.length === 1 ? said[0] : `${said.slice(0, -1).join(', ')} ${de ? 'und' : 'and'} ${said[said.length - 1]}`;
}

export interface ProcessorClockFacts {
  noticeHours: number;
  dueAt: Date;
  reportedAt: Date; // when the report reached (or reaches) the controller
}

// The processor's report says "without undue delay" only when it met the contract's period;
// otherwise it states the delay (Art. 33(2); the DPA's notice period).
export function processorTimeliness(
  c: ProcessorClockFacts | null,
  discovered: string,
  due: (d: Date) => string,
  lang: Language,
): { inTime: boolean; text: string } {
  const de = lang === 'de';
  const inTime = c === null || c.reportedAt.getTime() <= c.dueAt.getTime();
  if (inTime) {
    return {
      inTime,
      text: de
        ? `Wir melden eine Verletzung des Schutzes personenbezogener Daten, die wir in Ihrem Auftrag verarbeiten, unverzüglich, nachdem sie uns bekannt wurde (${discovered}), wie es der Vertrag zur Auftragsverarbeitung und Art. 33 Abs. 2 DSGVO verlangen.`
        : `We report a personal data breach in the data we process on your behalf, without undue delay after becoming aware of it (${discovered}), as the data processing agreement and Art. 33(2) GDPR require.`,
    };
  }
  const late = durationText(c!.reportedAt.getTime() - c!.dueAt.getTime(), lang);
  return {
    inTime,
    text: de
      ? `Wir melden eine Verletzung des Schutzes personenbezogener Daten, die wir in Ihrem Auftrag verarbeiten und die uns am ${discovered} bekannt wurde. Die im Vertrag zur Auftragsverarbeitung vereinbarte Frist von ${c!.noticeHours} Stunden endete am ${due(c!.dueAt)}; diese Meldung erfolgt ${late} danach (Art. 33 Abs. 2 DSGVO).`
      : `We report a personal data breach in the data we process on your behalf, which we became aware of on ${discovered}. The period of ${c!.noticeHours} hours agreed in the data processing agreement ended on ${due(c!.dueAt)}; this report is made ${late} after it (Art. 33(2) GDPR).`,
  };
}

export const RISK_LEVELS = ['high_risk', 'risk', 'unlikely'] as const;
export type RiskLevelFound = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_WORDS: Record<RiskLevelFound, Words> = {
  high_risk: {
    de: 'voraussichtlich hohes Risiko für die Rechte und Freiheiten natürlicher Personen (Art. 34 Abs. 1 DSGVO)',
    en: 'likely high risk to the rights and freedoms of natural persons (Art. 34(1) GDPR)',
  },
  risk: {
    de: 'Risiko für die Rechte und Freiheiten natürlicher Personen, voraussichtlich kein hohes Risiko (Art. 33 Abs. 1 DSGVO)',
    en: 'risk to the rights and freedoms of natural persons, not likely a high risk (Art. 33(1) GDPR)',
  },
  unlikely: {
    de: 'voraussichtlich kein Risiko für die Rechte und Freiheiten natürlicher Personen (Art. 33 Abs. 1 DSGVO)',
    en: 'unlikely to result in a risk to the rights and freedoms of natural persons (Art. 33(1) GDPR)',
  },
};

export const SEVERITY_BAND_WORDS: Record<string, Words> = {
  low: { de: 'niedrig', en: 'low' },
  medium: { de: 'mittel', en: 'medium' },
  high: { de: 'hoch', en: 'high' },
  very_high: { de: 'sehr hoch', en: 'very high' },
};

export interface RiskFlagFacts {
  flag: string;
  raises: string;
}

// What raised the risk, in words, from the incident facts the assessment kept.
export function riskFlagWords(
  flags: RiskFlagFacts[],
  facts: { approximateSubjects: number | null; specialCategories: string[] | null; subjectCategories: string[] | null } | null,
  lang: Language,
  number: (n: number) => string,
): string[] {
  const de = lang === 'de';
  return flags.map((f) => {
    if (f.flag === 'large_scale') {
      const n = facts?.approximateSubjects;
      return de
        ? `große Zahl betroffener Personen${n ? ` (ca. ${number(n)})` : ''}`
        : `a large number of people affected${n ? ` (approx. ${number(n)})` : ''}`;
    }
    if (f.flag === 'special_categories') {
      const special = facts?.specialCategories ?? null;
      if (special === null || special.length === 0)
        return de
          ? 'möglicherweise besondere Kategorien personenbezogener Daten (noch nicht geklärt)'
          : 'possibly special categories of personal data (not established yet)';
      return `${de ? 'besondere Kategorien personenbezogener Daten' : 'special categories of personal data'} (${special.map((c) => label(SPECIAL_CATEGORY_LABELS, c, lang)).join(', ')})`;
    }
    if (f.flag === 'vulnerable_subjects') {
      const who = vulnerableCategories(facts?.subjectCategories ?? null);
      return `${de ? 'schutzbedürftige betroffene Personen' : 'vulnerable people affected'}${who.length ? ` (${who.join(', ')})` : ''}`;
    }
    return f.flag;
  });
}
