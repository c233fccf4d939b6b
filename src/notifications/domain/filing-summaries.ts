import { Catalog, countryName, formatInstant, formatNumber, joinWithAnd, Lang, t, term, words } from '../../i18n';
import { DraftFacts } from './draft-model';
import type { FilingStage } from './obligation-drafts';
import { occurredShape, occurredText } from './draft-phrases';

// The NIS2, DORA and ePrivacy reports as structured summaries: for each stage, the fields the
// recipient's form asks for (NIS2 Art. 23(4); the ESA template of Implementing Regulation (EU)
// 2025/302 with the content of Delegated Regulation (EU) 2025/301 Arts. 2–4; Annex I of Reg.
// 611/2013), filled from the incident's facts. A field the facts cannot answer is left to be
// completed and listed as missing. Pure; the words are the catalog's (filings).

export interface FilingFacts {
  lang: Lang;
  now: Date;
  timeZone: string;
  stage: FilingStage;
  duty: { recipient: string; legalBasis: string; startsAt: Date | null; dueAt: Date | null };
  entity: { name: string; country: string; nis2: string | null; dora: boolean };
  contact: string | null;
  incident: DraftFacts['incident'];
  processor: { name: string } | null;
  decision: { notifySubjects: boolean } | null;
  // The filing of the stage before this one (NIS2: early warning, notification; DORA: initial, intermediate).
  previous: { sentAt: Date; reference: string | null } | null;
  // What was reported to other recipients so far (DORA "reporting to other authorities").
  otherReports: { recipient: string; sentAt: Date }[];
}

export interface SummaryItem {
  label: string;
  value: string | null;
}

export interface SummaryModel {
  title: string;
  intro: string;
  reference: string;
  recipient: string;
  legalBasis: string;
  due: string | null;
  date: string;
  sections: { heading: string; items: SummaryItem[] }[];
  missing: string[];
}

type FieldKey = keyof Catalog['filings']['field'];
type SectionKey = keyof Catalog['filings']['section'];
type Section = [SectionKey, [FieldKey, string | null][]];

// Causes that point to an unlawful or malicious act (NIS2 Art. 23(4)(a)); the others do not.
const MALICIOUS = ['malware', 'hacking', 'phishing', 'insider'];

export function filingSummary(f: FilingFacts): SummaryModel {
  const { lang, incident: i } = f;
  const say = words(lang).filings;
  const at = (d: Date | null) => (d ? formatInstant(d, f.timeZone, lang) : null);
  const text = (separator: string, ...parts: (string | null)[]) => parts.filter((p): p is string => Boolean(p)).join(separator) || null;
  const cause = i.natureCause ? term(lang, 'cause', i.natureCause) : null;
  const types = i.natureTypes?.length ? i.natureTypes.map((x) => term(lang, 'breachType', x)).join(', ') : null;
  const abroad = i.affectedCountries.filter((c) => c !== f.entity.country).map((c) => countryName(c, lang));
  const crossBorder = abroad.length
    ? t(lang, 'filings.value.crossBorderYes', { countries: joinWithAnd(abroad, lang) })
    : i.affectedCountries.length
      ? t(lang, 'filings.value.crossBorderNo', { country: countryName(f.entity.country, lang) })
      : null;
  const suspected = cause
    ? t(lang, MALICIOUS.includes(i.natureCause!) ? 'filings.value.suspected' : 'filings.value.notSuspected', { cause })
    : null;
  const counts = [
    i.approximateSubjects !== null ? t(lang, 'filings.value.subjects', { count: formatNumber(i.approximateSubjects, lang) }) : null,
    i.approximateRecords !== null ? t(lang, 'filings.value.records', { count: formatNumber(i.approximateRecords, lang) }) : null,
  ].filter((x): x is string => x !== null);
  const affected = counts.length ? counts.join(', ') : null;
  const previous = f.previous
    ? f.previous.reference
      ? t(lang, 'filings.value.sentAtWithReference', { date: at(f.previous.sentAt)!, reference: f.previous.reference })
      : t(lang, 'filings.value.sentAt', { date: at(f.previous.sentAt)! })
    : null;
  const occurred = occurredText(occurredShape(i), at(i.occurredAt ?? i.occurredFrom), at(i.occurredUntil), lang);
  const data = text(
    ' ',
    i.dataCategories?.length ? i.dataCategories.join(', ') : null,
    i.specialCategories?.length ? `(${i.specialCategories.map((c) => term(lang, 'specialCategory', c)).join(', ')})` : null,
  );
  const others = f.otherReports.length ? f.otherReports.map((r) => `${r.recipient} (${at(r.sentAt)})`).join('; ') : say.value.noneRecorded;
  const entityClass =
    f.stage === 'eprivacy/notify_authority'
      ? say.value.telecom
      : f.stage.startsWith('dora/')
        ? say.value.doraEntity
        : f.entity.nis2 === 'essential'
          ? say.value.nis2Essential
          : f.entity.nis2 === 'important'
            ? say.value.nis2Important
            : null;
  const entity: Section = [
    'entity',
    [
      ['entity', `${f.entity.name}, ${countryName(f.entity.country, lang)}`],
      ['entityClass', entityClass],
      ['contact', f.contact],
    ],
  ];
  const sections = sectionsOf(f.stage, {
    entity,
    aware: at(f.duty.startsAt),
    discovered: at(i.discoveredAt),
    occurred,
    description: i.natureDescription,
    types,
    suspected,
    crossBorder,
    previous,
    consequences: i.likelyConsequences,
    affected,
    cause,
    measuresTaken: i.measuresTaken,
    measuresProposed: i.measuresProposed,
    reference: i.reference,
    thirdParty: f.processor
      ? i.subProcessor
        ? t(lang, 'filings.value.processorWithSub', { name: f.processor.name, sub: i.subProcessor })
        : t(lang, 'filings.value.processor', { name: f.processor.name })
      : null,
    authorityCode: f.previous?.reference ?? null,
    dataLosses: text('; ', types, data, affected),
    cyber: cause && MALICIOUS.includes(i.natureCause!) ? t(lang, 'filings.value.cyber', { cause }) : null,
    others,
    resolution: text(' ', i.measuresTaken, i.measuresProposed),
    data,
    subjects: i.approximateSubjects !== null ? formatNumber(i.approximateSubjects, lang) : null,
    told: f.decision ? (f.decision.notifySubjects ? say.value.subscribersYes : say.value.subscribersNo) : null,
    abroad: abroad.length ? joinWithAnd(abroad, lang) : i.affectedCountries.length ? say.value.noneRecorded : null,
    firstNotification: say.value.firstNotification,
    circumstances: text(' ', cause, types ? `(${types})` : null),
  });
  const built = sections.map(([heading, items]) => ({
    heading: say.section[heading],
    items: items.map(([label, value]) => ({ label: say.field[label], value })),
  }));
  return {
    title: say.duty[f.stage],
    intro: say.intro[f.stage],
    reference: i.reference,
    recipient: f.duty.recipient,
    legalBasis: f.duty.legalBasis,
    due: at(f.duty.dueAt),
    date: at(f.now)!,
    sections: built,
    missing: built.flatMap((s) => s.items.filter((x) => x.value === null).map((x) => x.label)),
  };
}

interface Values {
  entity: Section;
  aware: string | null;
  discovered: string | null;
  occurred: string | null;
  description: string;
  types: string | null;
  suspected: string | null;
  crossBorder: string | null;
  previous: string | null;
  consequences: string | null;
  affected: string | null;
  cause: string | null;
  measuresTaken: string | null;
  measuresProposed: string | null;
  reference: string;
  thirdParty: string | null;
  authorityCode: string | null;
  dataLosses: string | null;
  cyber: string | null;
  others: string;
  resolution: string | null;
  data: string | null;
  subjects: string | null;
  told: string | null;
  abroad: string | null;
  firstNotification: string;
  circumstances: string | null;
}

// The fields of each stage, in the order of its form. null: the incident does not know it yet
// (or breachclock does not record it: classification criteria, indicators of compromise, costs).
function sectionsOf(stage: FilingStage, v: Values): Section[] {
  // The incident as NIS2's notification assesses it and its final report describes it in detail.
  const described: Section[1] = [
    ['occurred', v.occurred],
    ['description', v.description],
    ['types', v.types],
    ['severity', null],
    ['impact', v.consequences],
    ['affected', v.affected],
  ];
  switch (stage) {
    case 'nis2/early_warning':
      return [
        v.entity,
        [
          'incident',
          [
            ['awareAt', v.aware],
            ['discoveredAt', v.discovered],
            ['occurred', v.occurred],
            ['description', v.description],
          ],
        ],
        [
          'pointA',
          [
            ['suspectedMalicious', v.suspected],
            ['crossBorder', v.crossBorder],
          ],
        ],
      ];
    case 'nis2/incident_notification':
      return [
        v.entity,
        ['earlier', [['earlyWarning', v.previous]]],
        [
          'pointA',
          [
            ['suspectedMalicious', v.suspected],
            ['crossBorder', v.crossBorder],
          ],
        ],
        ['assessment', [['awareAt', v.aware], ...described, ['ioc', null]]],
      ];
    case 'nis2/final_report':
      return [
        v.entity,
        ['earlier', [['notification', v.previous]]],
        ['detail', described],
        ['cause', [['cause', v.cause]]],
        [
          'measures',
          [
            ['measuresTaken', v.measuresTaken],
            ['measuresOngoing', v.measuresProposed],
          ],
        ],
        ['crossBorder', [['crossBorder', v.crossBorder]]],
      ];
    case 'dora/initial_notification':
      return [
        v.entity,
        [
          'general',
          [
            ['entityType', null],
            ['lei', null],
          ],
        ],
        [
          'initial',
          [
            ['referenceCode', v.reference],
            ['detectedAt', v.discovered],
            ['classifiedAt', v.aware],
            ['description', v.description],
            ['criteria', null],
            ['discovery', null],
            ['thirdParty', v.thirdParty],
            ['continuity', null],
          ],
        ],
      ];
    case 'dora/intermediate_report':
      return [
        v.entity,
        ['earlier', [['initialSent', v.previous]]],
        [
          'intermediate',
          [
            ['authorityCode', v.authorityCode],
            ['occurred', v.occurred],
            ['restoredAt', null],
            ['clients', null],
            ['transactions', null],
            ['dataLosses', v.dataLosses],
            ['incidentType', v.cyber],
            ['techniques', null],
            ['functions', null],
            ['financialInterest', null],
            ['otherAuthorities', v.others],
            ['temporaryActions', v.measuresTaken],
            ['ioc', null],
          ],
        ],
      ];
    case 'dora/final_report':
      return [
        v.entity,
        ['earlier', [['intermediateSent', v.previous]]],
        [
          'final',
          [
            ['rootCauseClass', v.cause],
            ['rootCauseInfo', null],
            ['resolution', v.resolution],
            ['rootCauseAddressedAt', null],
            ['resolvedAt', null],
            ['criticalFunctions', null],
            ['economicImpact', null],
            ['recurring', null],
          ],
        ],
      ];
    case 'eprivacy/notify_authority':
      return [
        [
          'identification',
          [
            ['provider', v.entity[1][0][1]],
            ['contact', v.entity[1][2][1]],
            ['firstOrSecond', v.firstNotification],
          ],
        ],
        [
          'first',
          [
            ['occurred', v.occurred],
            ['discoveredAt', v.discovered],
            ['circumstances', v.circumstances],
            ['dataConcerned', v.data],
            ['measuresApplied', v.measuresTaken],
            ['otherProviders', v.thirdParty],
          ],
        ],
        [
          'further',
          [
            ['summary', v.description],
            ['subscribers', v.subjects],
            ['consequences', v.consequences],
            ['mitigation', v.measuresProposed],
          ],
        ],
        ['subscribers', [['subscribersTold', v.told]]],
        [
          'borders',
          [
            ['otherStates', v.abroad],
            ['otherNational', v.others],
          ],
        ],
      ];
  }
}
