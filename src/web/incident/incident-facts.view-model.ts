import type { Actor } from '../../identity/domain/actor';
import type { IncidentView } from '../../incidents/incidents.service';
import { formatNumber, Lang, term, wordsFor } from '../../i18n';

type Incident = IncidentView['incident'];

export interface ContractNames {
  reference: string;
  processorId: string;
  controller?: { name: string } | null;
  processor?: { name: string } | null;
}

// The incident's facts as the page lists them: local times with the instant, counts in the
// language's digits, "(estimate)" where they are, null for what is not known.
export function incidentFactsModel(i: Incident, lang: Lang, actor: Actor, contract: ContractNames | null, local: (d: Date) => string) {
  const t = wordsFor(lang);
  const count = (n: number | null, estimate: boolean | null) =>
    n !== null ? `${formatNumber(n, lang)}${estimate ? ` (${t.estimate})` : ''}` : null;
  const at = (d: Date | null) => (d ? { at: d.toISOString(), local: local(d) } : null);
  return {
    reference: i.reference,
    title: i.title,
    status: term(lang, 'status', i.status),
    description: i.natureDescription,
    contract: contract
      ? `${contract.reference} – ${(actor.organizationId === contract.processorId ? contract.controller : contract.processor)?.name ?? ''}`
      : null,
    types: i.natureTypes?.length ? i.natureTypes.map((x) => t[x as 'confidentiality']).join(', ') : null,
    cause: i.natureCause ? term(lang, 'cause', i.natureCause) : null,
    occurredAt: at(i.occurredAt),
    discoveredAt: i.discoveredAt.toISOString(),
    discoveredLocal: local(i.discoveredAt),
    reportedAt: at(i.reportedToControllerAt),
    awareAt: at(i.controllerAwareAt),
    dataCategories: i.dataCategories?.join(', ') ?? null,
    subjectCategories: i.subjectCategories?.join(', ') ?? null,
    subjects: count(i.approximateSubjects, i.approximateSubjectsIsEstimate),
    records: count(i.approximateRecords, i.approximateRecordsIsEstimate),
    contact: i.contactEmail ? [i.contactName, i.contactEmail, i.contactPhone].filter(Boolean).join(', ') : null,
    likelyConsequences: i.likelyConsequences,
    measuresTaken: i.measuresTaken,
    measuresProposed: i.measuresProposed,
  };
}

// The follow-up form's first facts: as typed after a refusal, else as stored (a batch's form: none,
// its reports differ).
export function followUpCoreFacts(
  typed: Record<string, unknown> | null,
  stored: Pick<
    Incident,
    'likelyConsequences' | 'measuresTaken' | 'measuresProposed' | 'approximateSubjects' | 'approximateSubjectsIsEstimate'
  > | null,
) {
  const text = (k: string) => (typed && typeof typed[k] === 'string' ? (typed[k] as string) : '');
  if (typed || !stored) {
    return {
      likelyConsequences: text('likelyConsequences'),
      measuresTaken: text('measuresTaken'),
      measuresProposed: text('measuresProposed'),
      subjects: text('approximateSubjects.count'),
      subjectsEstimate: typed?.['approximateSubjects.isEstimate'] === 'true',
    };
  }
  return {
    likelyConsequences: stored.likelyConsequences ?? '',
    measuresTaken: stored.measuresTaken ?? '',
    measuresProposed: stored.measuresProposed ?? '',
    subjects: stored.approximateSubjects ?? '',
    subjectsEstimate: stored.approximateSubjectsIsEstimate ?? false,
  };
}
