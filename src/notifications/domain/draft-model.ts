import { countryName, decimal, formatInstant, formatNumber, Lang, TableKey, t, term, words } from '../../i18n';
import {
  adviceFor,
  occurredSentence,
  occurredShape,
  occurredText,
  ProcessorClockFacts,
  processorTimeliness,
  RiskFlagFacts,
  RiskLevelFound,
  riskFlagWords,
  specialCategoriesPlain,
} from './draft-phrases';
import { FormFactsInput, formFactsText } from './draft-form-facts';

// Everything a draft shows, already in words: templates only place it. Pure.

export interface DraftFacts {
  lang: Lang;
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
  } & FormFactsInput;
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
  // The law an authority draft is made under (default: the GDPR); the UK GDPR keeps its articles.
  law?: 'gdpr' | 'uk_gdpr' | 'ch_fadp';
}

// Dates and numbers are written by src/i18n/format.ts; kept here for the code that imports them from the drafts.
export { formatInstant, formatNumber };

function countText(n: number | null, isEstimate: boolean | null, lang: Lang): string | null {
  if (n === null) return null;
  const say = words(lang).draft;
  return isEstimate === false ? formatNumber(n, lang) : `${say.approx} ${formatNumber(n, lang)} (${say.estimate})`;
}

export function contactText(name: string | null, email: string | null, phone: string | null, lang: Lang): string | null {
  if (!name && !email) return null;
  return [name, email, phone ? `${words(lang).draft.phone} ${phone}` : null].filter(Boolean).join(', ');
}

function subjectsText(d: DraftFacts['decision'], timeZone: string, lang: Lang): string {
  const say = words(lang).draft;
  if (!d) return say.subjects.pending;
  if (d.notifySubjects) return say.subjects.yes;
  const ground = d.subjectsExemption;
  let text = ground && ground in say.subjects ? term(lang, 'draft.subjects', ground) : say.subjects.noHighRisk;
  if (ground === '34(3)(c)' && d.publicCommunication) {
    text += `: ${d.publicCommunication.channel}, ${formatInstant(new Date(d.publicCommunication.publishedAt), timeZone, lang)}.`;
  } else if (ground === '34(3)(c)') text += '.';
  return d.subjectsReason ? `${text} ${say.reasons}: ${d.subjectsReason}` : text;
}

export function draftModel(f: DraftFacts) {
  const { lang, timeZone, incident: i } = f;
  const at = (d: Date | null) => (d ? formatInstant(d, timeZone, lang) : null);
  const list = (values: string[] | null, table?: TableKey) =>
    values === null || values.length === 0 ? null : values.map((v) => (table ? term(lang, table, v) : v)).join(', ');
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
  const toFollow = (answered: boolean) => f.missing.filter((m) => !(m === 'contact' && answered)).map((m) => term(lang, 'missing', m));
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
          contact: contact ?? (processorDpo ? `${words(lang).draft.dpo}: ${processorDpo}` : null),
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
      types: list(i.natureTypes, 'breachType'),
      cause: i.natureCause ? term(lang, 'cause', i.natureCause) : null,
    },
    data: {
      categories: list(i.dataCategories),
      special:
        i.specialCategories === null
          ? null
          : i.specialCategories.length === 0
            ? words(lang).draft.none
            : list(i.specialCategories, 'specialCategory'),
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
    law: lawName(f, lang),
    risk: underLaw(riskSection(f, lang), lawName(f, lang), lang),
    // The facts of the authorities' forms beyond Art. 33(3); each null while not known.
    form: formFactsText(i, (d) => at(d)!, lang),
    advice: adviceFor({ cause: i.natureCause, types: i.natureTypes, dataCategories: i.dataCategories, special: i.specialCategories }, lang),
    late,
    reasonsForDelay: f.reasonsForDelay,
    initial: f.initial ? { date: at(f.initial.sentAt), reference: f.initial.reference } : null,
    toFollow: toFollow(dpo !== null),
    processorToFollow: toFollow(processorDpo !== null),
  };
}

function lawName(f: DraftFacts, lang: Lang): string {
  return words(lang).filings.law[f.law === 'uk_gdpr' ? 'uk_gdpr' : 'gdpr'];
}

// The risk found, cited under the law the draft is made under (the UK GDPR has the same articles).
function underLaw<R extends { level: string | null }>(risk: R, law: string, lang: Lang): R {
  const gdpr = words(lang).filings.law.gdpr;
  return risk.level && law !== gdpr ? { ...risk, level: risk.level.replace(new RegExp(`\\b${gdpr}\\b`), law) } : risk;
}

function peopleContact(dpo: string | null, contact: string | null, c: DraftFacts['controller'], lang: Lang): string {
  if (dpo) return t(lang, 'draft.peopleContactDpo', { dpo });
  if (contact) return contact;
  const address = c.address?.replace(/\n/g, ', ');
  if (address) return `${c.name}, ${address}`;
  return t(lang, 'draft.peopleContactMissing', { name: c.name });
}

// The risk found (BayLDA, LDI NRW, LfDI Rheinland-Pfalz and the ICO ask for it): the decision's
// finding, else the latest assessment's recommendation, with what it rests on.
function riskSection(f: DraftFacts, lang: Lang) {
  const say = words(lang).draft;
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
    basis.push(t(lang, 'draft.riskSeverity', { score: decimal(a.scoreQuarters / 4, lang), band: term(lang, 'severity', a.band) }));
    const raised = riskFlagWords(a.riskFlags, a.incidentFacts, lang, (n) => formatNumber(n, lang));
    if (raised.length) basis.push(`${say.riskRaisedBy}: ${raised.join('; ')}`);
  }
  const reasons = [d?.authorityReason, d?.subjectsReason].filter((x): x is string => Boolean(x));
  return {
    level: `${words(lang).riskLevel[level]}${pending ? say.riskPending : ''}`,
    basis: basis.length ? `${basis.join('; ')}.` : null,
    reasons: reasons.length ? reasons.join(' ') : null,
  };
}

export type DraftModel = ReturnType<typeof draftModel>;
