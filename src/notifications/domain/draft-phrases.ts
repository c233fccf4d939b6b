import { vulnerableCategories } from '../../assessments/domain/risk-flags';
import { Lang, joinWithAnd, plural, t, term, words } from '../../i18n';

// Sentences of the drafts that depend on the shape of the facts (a moment or a range of time, late
// or in time, a risk found or pending); the words are the catalog's (src/i18n/). Pure.

// For the people: which especially sensitive data are involved, or that this is still being checked.
export function specialCategoriesPlain(special: string[] | null, lang: Lang): string | null {
  if (special === null) return t(lang, 'draft.specialPlainUnknown');
  if (special.length === 0) return null;
  return t(lang, 'draft.specialPlain', { list: special.map((c) => term(lang, 'specialCategoryPlain', c)).join(', ') });
}

export type OccurredShape = 'instant' | 'range' | 'since' | 'unknown';

export function occurredShape(i: { occurredAt: Date | null; occurredFrom: Date | null; occurredUntil: Date | null }): OccurredShape {
  if (i.occurredAt) return 'instant';
  if (i.occurredFrom) return i.occurredUntil ? 'range' : 'since';
  return 'unknown';
}

// When the breach occurred, for the lists of the authority and processor documents; null when unknown.
export function occurredText(shape: OccurredShape, from: string | null, until: string | null, lang: Lang): string | null {
  switch (shape) {
    case 'instant':
      return from;
    case 'range':
      return t(lang, 'draft.occurredRange', { from: String(from), until: String(until) });
    case 'since':
      return t(lang, 'draft.occurredSince', { from: String(from) });
    case 'unknown':
      return null;
  }
}

// When it happened and when we learned of it, as whole sentences for the letter to the people.
export function occurredSentence(shape: OccurredShape, from: string | null, until: string | null, aware: string, lang: Lang): string {
  return t(lang, `draft.occurredSentence.${shape}`, { from: String(from), until: String(until), aware });
}

// "2 Tage, 3 Stunden und 5 Minuten" / "2 days, 3 hours and 5 minutes"; under a minute says so.
export function durationText(ms: number, lang: Lang): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return words(lang).units.underAMinute;
  const parts = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor((minutes % 1440) / 60), 'hour'],
    [minutes % 60, 'minute'],
  ] as const;
  return joinWithAnd(
    parts.filter(([n]) => n > 0).map(([n, word]) => plural(lang, word, n)),
    lang,
  );
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
  lang: Lang,
): { inTime: boolean; text: string } {
  if (c === null || c.reportedAt.getTime() <= c.dueAt.getTime()) {
    return { inTime: true, text: t(lang, 'draft.processorInTime', { discovered }) };
  }
  const late = durationText(c.reportedAt.getTime() - c.dueAt.getTime(), lang);
  return { inTime: false, text: t(lang, 'draft.processorLate', { discovered, hours: c.noticeHours, due: due(c.dueAt), late }) };
}

export const RISK_LEVELS = ['high_risk', 'risk', 'unlikely'] as const;
export type RiskLevelFound = (typeof RISK_LEVELS)[number];

export interface RiskFlagFacts {
  flag: string;
  raises: string;
}

// What raised the risk, in words, from the incident facts the assessment kept.
export function riskFlagWords(
  flags: RiskFlagFacts[],
  facts: { approximateSubjects: number | null; specialCategories: string[] | null; subjectCategories: string[] | null } | null,
  lang: Lang,
  number: (n: number) => string,
): string[] {
  const say = words(lang).draft;
  return flags.map((f) => {
    if (f.flag === 'large_scale') {
      const n = facts?.approximateSubjects;
      return `${say.riskFlag.large_scale}${n ? ` (${say.approx} ${number(n)})` : ''}`;
    }
    if (f.flag === 'special_categories') {
      const special = facts?.specialCategories ?? null;
      if (special === null || special.length === 0) return say.riskFlag.special_categories_unknown;
      return `${say.riskFlag.special_categories} (${special.map((c) => term(lang, 'specialCategory', c)).join(', ')})`;
    }
    if (f.flag === 'vulnerable_subjects') {
      const who = vulnerableCategories(facts?.subjectCategories ?? null);
      return `${say.riskFlag.vulnerable_subjects}${who.length ? ` (${who.join(', ')})` : ''}`;
    }
    return f.flag;
  });
}

// Concrete advice for the people affected (EDPB 9/2022 III.B), chosen from what happened.
export function adviceFor(
  f: { cause: string | null; types: string[] | null; dataCategories: string[] | null; special: string[] | null },
  lang: Lang,
): string[] {
  const say = words(lang).draft.advice;
  const advice: string[] = [];
  const data = (f.dataCategories ?? []).join(' ').toLowerCase();
  if (['hacking', 'phishing', 'malware', 'insider'].includes(f.cause ?? '') || /passw|zugang|login|credential|konto|account/.test(data)) {
    advice.push(say.password);
  }
  if (/bank|iban|kredit|credit|card|karte|zahlung|payment|financ|finanz/.test(data)) advice.push(say.payments);
  if (f.types?.includes('confidentiality') ?? true) advice.push(say.phishing);
  if (f.types?.includes('availability') || f.types?.includes('integrity')) advice.push(say.records);
  if ((f.special ?? []).includes('health')) advice.push(say.health);
  advice.push(say.keep);
  return advice;
}
