import { Decision } from '../../assessments/decision.entity';
import { toCsv } from '../domain/csv';
import { RegisterEntry } from '../register.service';

// One spreadsheet row per incident of the register (Art. 33(5)); used by the API and the web page.
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function decisionText(d: Decision): string {
  const subjects = `people ${yesNo(d.notifySubjects)}${d.subjectsExemption ? ` [${d.subjectsExemption}]` : ''}${d.subjectsReason ? ` (${d.subjectsReason})` : ''}`;
  return `${d.decidedAt.toISOString()} #${d.sequence} by ${d.decidedBy?.email ?? d.decidedById}: authority ${yesNo(d.notifyAuthority)}${d.authorityReason ? ` (${d.authorityReason})` : ''}; ${subjects}`;
}

const CSV_HEADER = [
  'reference',
  'title',
  'status',
  'processor',
  'contract',
  'occurredAt',
  'occurredFrom',
  'occurredUntil',
  'discoveredAt',
  'reportedToControllerAt',
  'controllerAwareAt',
  'authorityDueAt',
  'authorityNotifiedAt',
  'authorityClock',
  'processorClock',
  'natureTypes',
  'natureCause',
  'description',
  'dataCategories',
  'specialCategories',
  'subjectCategories',
  'approximateSubjects',
  'subjectsIsEstimate',
  'approximateRecords',
  'recordsIsEstimate',
  'likelyConsequences',
  'measuresTaken',
  'measuresProposed',
  'assessmentVersion',
  'score',
  'band',
  'notifyAuthority',
  'authorityReason',
  'notifySubjects',
  'subjectsExemption',
  'subjectsReason',
  'publicCommunication',
  'decisions',
  'notifications',
  'reasonsForDelay',
  'missing',
  'notABreachAt',
  'notABreachReason',
];

function notificationText(n: RegisterEntry['notifications'][number]): string {
  return `${n.sentAt.toISOString()} ${n.kind}${n.authorityId ? ` to ${n.authorityId}` : ''}${n.reference ? ` (ref. ${n.reference})` : ''}${n.late ? ', late' : ''}${n.channel ? ` via ${n.channel}` : ''}`;
}

function csvRow({ view, assessment, decisions, notifications }: RegisterEntry): unknown[] {
  const i = view.incident;
  const a = view.clocks.authority;
  const p = view.clocks.processorToController;
  const last = decisions[decisions.length - 1];
  return [
    i.reference,
    i.title,
    i.status,
    i.processor?.name ?? '',
    i.contract?.reference ?? '',
    iso(i.occurredAt),
    iso(i.occurredFrom),
    iso(i.occurredUntil),
    iso(i.discoveredAt),
    iso(i.reportedToControllerAt),
    iso(i.controllerAwareAt),
    iso(a?.dueAt),
    iso(a?.completedAt),
    a?.state ?? '',
    p?.state ?? '',
    i.natureTypes,
    i.natureCause,
    i.natureDescription,
    i.dataCategories,
    i.specialCategories,
    i.subjectCategories,
    i.approximateSubjects,
    i.approximateSubjectsIsEstimate,
    i.approximateRecords,
    i.approximateRecordsIsEstimate,
    i.likelyConsequences,
    i.measuresTaken,
    i.measuresProposed,
    assessment?.version,
    assessment ? assessment.scoreQuarters / 4 : null,
    assessment?.band,
    last ? yesNo(last.notifyAuthority) : '',
    last?.authorityReason,
    last ? yesNo(last.notifySubjects) : '',
    last?.subjectsExemption,
    last?.subjectsReason,
    last?.publicCommunication
      ? `${last.publicCommunication.channel}, ${last.publicCommunication.publishedAt}: ${last.publicCommunication.text}`
      : '',
    decisions.map(decisionText).join('\n'),
    notifications.map(notificationText).join('\n'),
    notifications
      .filter((n) => n.reasonsForDelay)
      .map((n) => n.reasonsForDelay)
      .join('\n'),
    view.missing,
    iso(i.notABreachAt),
    i.notABreachReason,
  ];
}

export function registerCsv(entries: RegisterEntry[]): string {
  return toCsv(CSV_HEADER, entries.map(csvRow));
}
