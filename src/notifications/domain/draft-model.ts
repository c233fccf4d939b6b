import { toZonedIso } from '../../platform/clock/zoned-time';
import { BREACH_TYPE_LABELS, CAUSE_LABELS, Language, MISSING_LABELS, SPECIAL_CATEGORY_LABELS, WORDS, adviceFor, label } from './labels';
import {
  occurredSentence,
  occurredShape,
  occurredText,
  ProcessorClockFacts,
  processorTimeliness,
  RISK_LEVEL_WORDS,
  RiskFlagFacts,
  RiskLevelFound,
  riskFlagWords,
  SEVERITY_BAND_WORDS,
  specialCategoriesPlain,
} from './draft-phrases';

// Everything a draft shows, already in words: templates only place it. Pure.

export interface DraftFacts {
  lang: Language;
  now: Date; // when the draft is made (or the notification sent)
  timeZone: string; // the controller's zone: dates are shown in it, with the offset
  incident: {
    reference: string;
    natureDescription: string;
    natureTypes: string[] | null;
    natureCause: string | null;
    occurredAt: Date | null;
    occurredFrom: Date | null;
    occurredUntil: Date | null;
    discoveredAt: Date;
    reportedToControllerAt: Date | null;
    controllerAwareAt: Date | null;
    dataCategories: string[] | null;
    specialCategories: string[] | null;
    subjectCategories: string[] | null;
    approximateSubjects: number | null;
    approximateSubjectsIsEstimate: boolean | null;
    approximateRecords: number | null;
    approximateRecordsIsEstimate: boolean | null;
    contactName: string | null;
    contactEmail: string | null;
    contactPhone: string | null;
    likelyConsequences: string | null;
    measuresTaken: string | null;
    measuresProposed: string | null;
    subProcessor: string | null;
    affectedCountries: string[];
  };
  missing: string[];
  controller: {
    name: string;
    address: string | null;
    country: string;
    region: string | null;
    dpoName: string | null;
    dpoEmail: string | null;
    dpoPhone: string | null;
  };
  processor: {
    name: string;
    contractReference: string;
    dpoName?: string | null;
    dpoEmail?: string | null;
    dpoPhone?: string | null;
  } | null;
  // The processor's clock (the DPA's notice period from discovery), for the processor's report.
  processorClock?: ProcessorClockFacts | null;
  authority: { name: string; abbreviation: string | null } | null;
  authorityDueAt: Date | null;
  // The latest risk assessment, for the authority documents only (the processor never sees it).
  assessment?: {
    scoreQuarters: number;
    band: string;
    recommendation: { notifyAuthority: boolean; notifySubjects: boolean };
    riskFlags: RiskFlagFacts[];
    incidentFacts: { approximateSubjects: number | null; specialCategories: string[] | null; subjectCategories: string[] | null } | null;
  } | null;
  decision: {
    notifyAuthority?: boolean;
    authorityReason?: string | null;
    notifySubjects: boolean;
    subjectsExemption: string | null;
    subjectsReason: string | null;
    publicCommunication: { channel: string; publishedAt: string; text: string } | null;
  } | null;
  initial: { sentAt: Date; reference: string | null } | null;
  reasonsForDelay: string | null;
}

const LOCALE: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();

// "9. Juni 2025 um 12:00 (UTC+02:00)" / "9 June 2025 at 12:00 (UTC+02:00)". Formatters are costly to
// build, so one per language and zone is kept.
export function formatInstant(instant: Date, timeZone: string, lang: Language): string {
  const key = `${lang}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE[lang], { timeZone, dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' });
    formatters.set(key, formatter);
  }
  const text = formatter.format(instant);
  const offset = toZonedIso(instant, timeZone).slice(19);
  return `${text} (UTC${offset === 'Z' ? '+00:00' : offset})`;
}

export function formatNumber(n: number, lang: Language): string {
  return new Intl.NumberFormat(LOCALE[lang]).format(n);
}

function countText(n: number | null, isEstimate: boolean | null, lang: Language): string | null {
  if (n === null) return null;
  return isEstimate === false ? formatNumber(n, lang) : `${WORDS.approx[lang]} ${formatNumber(n, lang)} (${WORDS.estimate[lang]})`;
}

function contactText(name: string | null, email: string | null, phone: string | null, lang: Language): string | null {
  if (!name && !email) return null;
  return [name, email, phone ? `${WORDS.phone[lang]} ${phone}` : null].filter(Boolean).join(', ');
}

function countryName(code: string, lang: Language): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const SUBJECTS_TEXT = {
  pending: {
    de: 'Über die Benachrichtigung der betroffenen Personen ist noch nicht entschieden; die Entscheidung wird nachgereicht.',
    en: 'The decision on communicating the breach to the data subjects is still pending and will be supplied.',
  },
  yes: {
    de: 'Die betroffenen Personen werden benachrichtigt (Art. 34 Abs. 1 DSGVO).',
    en: 'The data subjects are being informed (Art. 34(1) GDPR).',
  },
  noHighRisk: {
    de: 'Die betroffenen Personen werden nicht benachrichtigt, weil voraussichtlich kein hohes Risiko für ihre persönlichen Rechte und Freiheiten besteht.',
    en: 'The data subjects are not informed, because the breach is not likely to result in a high risk to their rights and freedoms.',
  },
  '34(3)(a)': {
    de: 'Eine Benachrichtigung ist nach Art. 34 Abs. 3 lit. a DSGVO nicht erforderlich: Die betroffenen Daten waren durch geeignete Maßnahmen, insbesondere Verschlüsselung, für Unbefugte unzugänglich.',
    en: 'Communication is not required under Art. 34(3)(a) GDPR: the data concerned were made unintelligible to unauthorised persons, in particular by encryption.',
  },
  '34(3)(b)': {
    de: 'Eine Benachrichtigung ist nach Art. 34 Abs. 3 lit. b DSGVO nicht erforderlich: Durch nachfolgende Maßnahmen ist sichergestellt, dass das hohe Risiko aller Wahrscheinlichkeit nach nicht mehr besteht.',
    en: 'Communication is not required under Art. 34(3)(b) GDPR: subsequent measures ensure that the high risk is no longer likely to materialise.',
  },
  '34(3)(c)': {
    de: 'Eine einzelne Benachrichtigung wäre mit unverhältnismäßigem Aufwand verbunden; stattdessen erfolgt eine öffentliche Bekanntmachung (Art. 34 Abs. 3 lit. c DSGVO)',
    en: 'Individual communication would involve disproportionate effort; a public communication is made instead (Art. 34(3)(c) GDPR)',
  },
  de_bdsg_29_1: {
    de: 'Die Benachrichtigung unterbleibt nach § 29 Abs. 1 Satz 3 BDSG, weil durch sie Informationen offenbart würden, die nach einer Rechtsvorschrift oder ihrem Wesen nach, insbesondere wegen der überwiegenden berechtigten Interessen eines Dritten, geheim gehalten werden müssen.',
    en: 'No communication under § 29(1) sentence 3 BDSG (Germany): it would reveal information that must be kept secret under a legal provision or by its nature, in particular because of the overriding legitimate interests of a third party.',
  },
  reasons: { de: 'Begründung', en: 'Reasons' },
};

function subjectsText(d: DraftFacts['decision'], timeZone: string, lang: Language): string {
  if (!d) return SUBJECTS_TEXT.pending[lang];
  if (d.notifySubjects) return SUBJECTS_TEXT.yes[lang];
  const ground = d.subjectsExemption as keyof typeof SUBJECTS_TEXT | null;
  let text =
    ground && ground in SUBJECTS_TEXT ? (SUBJECTS_TEXT[ground] as { de: string; en: string })[lang] : SUBJECTS_TEXT.noHighRisk[lang];
  if (ground === '34(3)(c)' && d.publicCommunication) {
    text += `: ${d.publicCommunication.channel}, ${formatInstant(new Date(d.publicCommunication.publishedAt), timeZone, lang)}.`;
  } else if (ground === '34(3)(c)') text += '.';
  return d.subjectsReason ? `${text} ${SUBJECTS_TEXT.reasons[lang]}: ${d.subjectsReason}` : text;
}

export function draftModel(f: DraftFacts) {
  const { lang, timeZone, incident: i } = f;
  const at = (d: Date | null) => (d ? formatInstant(d, timeZone, lang) : null);
  const list = (values: string[] | null, table?: Record<string, { de: string; en: string }>) =>
    values === null || values.length === 0 ? null : values.map((v) => (table ? label(table, v, lang) : v)).join(', ');
  const shape = occurredShape(i);
  const from = at(i.occurredAt ?? i.occurredFrom);
  const until = at(i.occurredUntil);
  const aware = at(i.controllerAwareAt ?? i.discoveredAt)!;
  const late = f.authorityDueAt !== null && f.now.getTime() > f.authorityDueAt.getTime();
  const dpo = contactText(f.controller.dpoName, f.controller.dpoEmail, f.controller.dpoPhone, lang);
  const contact = contactText(i.contactName, i.contactEmail, i.contactPhone, lang);
  const processorDpo = f.processor
    ? contactText(f.processor.dpoName ?? null, f.processor.dpoEmail ?? null, f.processor.dpoPhone ?? null, lang)
    : null;
  // Art. 33(3)(b): the DPO *or* another contact point; the DPO on file answers for a missing contact.
  const toFollow = (answered: boolean) =>
    f.missing.filter((m) => !(m === 'contact' && answered)).map((m) => label(MISSING_LABELS, m, lang));
  const processorReport = f.processor ? processorTimeliness(f.processorClock ?? null, at(i.discoveredAt)!, (d) => at(d)!, lang) : null;
  return {
    document: { date: at(f.now) },
    incident: { reference: i.reference },
    authority: f.authority,
    controller: {
      name: f.controller.name,
      address: f.controller.address?.replace(/\n/g, ', ') ?? null,
      country: countryName(f.controller.country, lang),
      region: f.controller.region,
      dpo,
    },
    contact,
    // Whom the people can ask: always someone (Art. 34(2) with 33(3)(b)).
    peopleContact: peopleContact(dpo, contact, f.controller, lang),
    processor: f.processor
      ? {
          name: f.processor.name,
          contract: f.processor.contractReference,
          subProcessor: i.subProcessor,
          contact:
            contact ?? (processorDpo ? `${lang === 'de' ? 'Datenschutzbeauftragter' : 'data protection officer'}: ${processorDpo}` : null),
          opening: processorReport!.text,
          late: !processorReport!.inTime,
        }
      : null,
    timeline: {
      occurred: occurredText(shape, from, until, lang),
      occurredSentence: occurredSentence(shape, from, until, aware, lang),
      discovered: at(i.discoveredAt),
      reportedToController: f.processor ? at(i.reportedToControllerAt) : null,
      aware,
      due: at(f.authorityDueAt),
    },
    nature: {
      description: i.natureDescription,
      types: list(i.natureTypes, BREACH_TYPE_LABELS),
      cause: i.natureCause ? label(CAUSE_LABELS, i.natureCause, lang) : null,
    },
    data: {
      categories: list(i.dataCategories),
      special:
        i.specialCategories === null
          ? null
          : i.specialCategories.length === 0
            ? WORDS.none[lang]
            : list(i.specialCategories, SPECIAL_CATEGORY_LABELS),
      specialPlain: specialCategoriesPlain(i.specialCategories, lang),
      subjectCategories: list(i.subjectCategories),
      subjects: countText(i.approximateSubjects, i.approximateSubjectsIsEstimate, lang),
      records: countText(i.approximateRecords, i.approximateRecordsIsEstimate, lang),
    },
    crossBorder: list(i.affectedCountries.filter((c) => c !== f.controller.country).map((c) => countryName(c, lang))),
    consequences: i.likelyConsequences,
    measuresTaken: i.measuresTaken,
    measuresProposed: i.measuresProposed,
    subjects: subjectsText(f.decision, timeZone, lang),
    risk: riskSection(f, lang),
    advice: adviceFor({ cause: i.natureCause, types: i.natureTypes, dataCategories: i.dataCategories, special: i.specialCategories }, lang),
    late,
    reasonsForDelay: f.reasonsForDelay,
    initial: f.initial ? { date: at(f.initial.sentAt), reference: f.initial.reference } : null,
    toFollow: toFollow(dpo !== null),
    processorToFollow: toFollow(processorDpo !== null),
  };
}

function peopleContact(dpo: string | null, contact: string | null, c: DraftFacts['controller'], lang: Language): string {
  const de = lang === 'de';
  if (dpo) return de ? `unseren Datenschutzbeauftragten, ${dpo}` : `our data protection officer, ${dpo}`;
  if (contact) return contact;
  const address = c.address?.replace(/\n/g, ', ');
  if (address) return `${c.name}, ${address}`;
  return de ? `${c.name} [Kontaktdaten vor dem Versand ergänzen]` : `${c.name} [add contact details before sending]`;
}

// The risk found (BayLDA, LDI NRW, LfDI Rheinland-Pfalz and the ICO ask for it): the decision's
// finding, else the latest assessment's recommendation, with what it rests on.
function riskSection(f: DraftFacts, lang: Language) {
  const de = lang === 'de';
  const a = f.assessment ?? null;
  const d = f.decision;
  if (!a && !d) return { level: null, basis: null, reasons: null };
  let level: RiskLevelFound;
  if (d && d.notifyAuthority !== undefined)
    level = d.notifySubjects || (d.subjectsExemption ?? null) !== null ? 'high_risk' : d.notifyAuthority ? 'risk' : 'unlikely';
  else level = a!.recommendation.notifySubjects ? 'high_risk' : a!.recommendation.notifyAuthority ? 'risk' : 'unlikely';
  const pending = !d || d.notifyAuthority === undefined;
  const basis: string[] = [];
  if (a) {
    const score = (a.scoreQuarters / 4).toLocaleString(LOCALE[lang], { maximumFractionDigits: 2 });
    basis.push(
      de
        ? `Schweregrad nach der ENISA-Methode ${score} von 6 (${label(SEVERITY_BAND_WORDS, a.band, lang)})`
        : `severity by the ENISA method ${score} of 6 (${label(SEVERITY_BAND_WORDS, a.band, lang)})`,
    );
    const raised = riskFlagWords(a.riskFlags, a.incidentFacts, lang, (n) => formatNumber(n, lang));
    if (raised.length) basis.push(`${de ? 'erhöhend' : 'raised by'}: ${raised.join('; ')}`);
  }
  const reasons = [d?.authorityReason, d?.subjectsReason].filter((x): x is string => Boolean(x));
  return {
    level: `${RISK_LEVEL_WORDS[level][lang]}${pending ? (de ? ' – Einschätzung nach unserer Risikobewertung, die Entscheidung steht noch aus' : ' – our risk assessment; the decision is still pending') : ''}`,
    basis: basis.length ? `${basis.join('; ')}.` : null,
    reasons: reasons.length ? reasons.join(' ') : null,
  };
}

export type DraftModel = ReturnType<typeof draftModel>;
