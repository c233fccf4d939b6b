import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { toAssessmentResponse, toDecisionResponse } from '../assessments/assessments.controller';
import { Actor } from '../identity/actor';
import { CurrentActor, Roles } from '../identity/auth.guard';
import { toIncidentResponse } from '../incidents/dto/incident.response';
import { toNotificationSummary } from '../notifications/notifications.controller';
import { toCsv } from './domain/csv';
import { RegisterEntry, RegisterService } from './register.service';

export class RegisterQuery {
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function decisionText(d: Decision): string {
  const subjects = `people ${yesNo(d.notifySubjects)}${d.subjectsExemption ? ` [${d.subjectsExemption}]` : ''}${d.subjectsReason ? ` (${d.subjectsReason})` : ''}`;
  return `${d.decidedAt.toISOString()} #${d.sequence} by ${d.decidedBy?.email ?? d.decidedById}: authority ${yesNo(d.notifyAuthority)}${d.authorityReason ? ` (${d.authorityReason})` : ''}; ${subjects}`;
}
type Decision = RegisterEntry['decisions'][number];

const CSV_HEADER = [
  'reference', 'title', 'status', 'processor', 'contract', 'occurredAt', 'occurredFrom', 'occurredUntil', 'discoveredAt',
  'reportedToControllerAt', 'controllerAwareAt', 'authorityDueAt', 'authorityNotifiedAt', 'authorityClock', 'processorClock',
  'natureTypes', 'natureCause', 'description', 'dataCategories', 'specialCategories', 'subjectCategories',
  'approximateSubjects', 'subjectsIsEstimate', 'approximateRecords', 'recordsIsEstimate', 'likelyConsequences',
  'measuresTaken', 'measuresProposed', 'assessmentVersion', 'score', 'band', 'notifyAuthority', 'authorityReason',
  'notifySubjects', 'subjectsExemption', 'subjectsReason', 'publicCommunication', 'decisions', 'notifications', 'reasonsForDelay', 'missing',
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
    i.reference, i.title, i.status, i.processor?.name ?? '', i.contract?.reference ?? '', iso(i.occurredAt), iso(i.occurredFrom), iso(i.occurredUntil), iso(i.discoveredAt),
    iso(i.reportedToControllerAt), iso(i.controllerAwareAt), iso(a?.dueAt), iso(a?.completedAt), a?.state ?? '', p?.state ?? '',
    i.natureTypes, i.natureCause, i.natureDescription, i.dataCategories, i.specialCategories, i.subjectCategories,
    i.approximateSubjects, i.approximateSubjectsIsEstimate, i.approximateRecords, i.approximateRecordsIsEstimate, i.likelyConsequences,
    i.measuresTaken, i.measuresProposed, assessment?.version, assessment ? assessment.scoreQuarters / 4 : null, assessment?.band,
    last ? yesNo(last.notifyAuthority) : '', last?.authorityReason, last ? yesNo(last.notifySubjects) : '', last?.subjectsExemption, last?.subjectsReason,
    last?.publicCommunication ? `${last.publicCommunication.channel}, ${last.publicCommunication.publishedAt}: ${last.publicCommunication.text}` : '',
    decisions.map(decisionText).join('\n'), notifications.map(notificationText).join('\n'),
    notifications.filter((n) => n.reasonsForDelay).map((n) => n.reasonsForDelay).join('\n'), view.missing,
  ];
}

@Controller('api/v1/register')
@Roles('controller_dpo')
export class RegisterController {
  constructor(private readonly register: RegisterService) {}

  // JSON by default; ?format=csv (or Accept: text/csv) for spreadsheet programs.
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: RegisterQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const { generatedAt, entries } = await this.register.entries(actor);
    const csv = query.format === 'csv' || (!query.format && /text\/csv/.test(accept ?? ''));
    if (csv) {
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="breach-register-${generatedAt.toISOString().slice(0, 10)}.csv"`);
      return toCsv(CSV_HEADER, entries.map(csvRow));
    }
    return {
      generatedAt: generatedAt.toISOString(),
      items: entries.map((e) => ({
        ...toIncidentResponse(e.view, actor.timeZone),
        contractReference: e.view.incident.contract?.reference ?? null,
        assessment: e.assessment ? toAssessmentResponse(e.assessment) : null,
        decisions: e.decisions.map((d) => toDecisionResponse(d)),
        // What was sent, without the bodies (GET …/notifications has them).
        notifications: e.notifications.map(toNotificationSummary),
      })),
    };
  }

  // Counts by cause and type, median hours from awareness to the authority, share on time.
  @Get('stats')
  async stats(@CurrentActor() actor: Actor) {
    const s = await this.register.stats(actor);
    return { ...s, generatedAt: s.generatedAt.toISOString() };
  }
}
