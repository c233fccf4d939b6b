import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { Actor, auditActorOf } from '../identity/domain/actor';
import { CLOCK_SKEW_MS } from '../incidents/domain/incident-facts';
import { IncidentsService } from '../incidents/incidents.service';
import { Clock } from '../platform/clock/clock';
import { Database } from '../platform/database/database';
import { ValidationError } from '../platform/http/domain-error';
import { IdGenerator } from '../platform/ids/id-generator';
import { RecordNotificationDto } from './dto/record-notification.dto';
import { NotificationDraftsService } from './notification-drafts.service';
import { Notification, NotificationKind } from './notification.entity';
import { NotificationError, NotificationErrorCode } from './notifications.errors';
import { NotificationsRepository } from './notifications.repository';
import { DocumentKind } from './domain/documents';

const DOCUMENT_OF: Record<Exclude<NotificationKind, 'filing'>, DocumentKind> = {
  authority_initial: 'authority-initial',
  authority_followup: 'authority-followup',
  data_subjects: 'data-subjects',
  public_communication: 'public-communication',
  processor_to_controller: 'processor-report',
};
const MIN_REASONS = 20;

// The record of what was sent. The body is stored as sent, with its SHA-256, and never changes:
// later edits of the incident leave recorded notifications as they were.
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: Database,
    private readonly repo: NotificationsRepository,
    private readonly incidents: IncidentsService,
    private readonly deadlines: DeadlinesService,
    private readonly drafts: NotificationDraftsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async record(actor: Actor, incidentId: string, dto: RecordNotificationDto): Promise<Notification> {
    const now = this.clock.now();
    const sentAt = new Date(dto.sentAt);
    const kind = dto.kind;
    if (kind === 'filing')
      throw new ValidationError([{ path: 'kind', message: 'filing is recorded for an obligation: give obligationId' }]);
    return this.db.transaction(async (tx) => {
      const fromProcessor = dto.kind === 'processor_to_controller';
      const incident = fromProcessor
        ? (await this.incidents.view(actor, incidentId)).incident
        : await this.incidents.loadForController(tx, actor, incidentId);
      incidentId = incident.id; // the stored (canonical) id from here on
      if (fromProcessor && (actor.role !== 'processor_staff' || incident.reporterOrgId !== actor.organizationId)) {
        throw new NotificationError(
          NotificationErrorCode.NotYourKind,
          'Only the processor that filed the report records its report to the controller.',
        );
      }
      if (incident.status === 'closed')
        throw new NotificationError(NotificationErrorCode.Closed, 'The incident is closed.', {
          extensions: { incidentStatus: incident.status },
        });
      const problems = [];
      if (sentAt.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.push({ path: 'sentAt', message: 'must not be in the future' });
      if (sentAt < incident.discoveredAt) problems.push({ path: 'sentAt', message: 'must not be before discoveredAt' });
      if (problems.length) throw new ValidationError(problems);

      const authority = dto.kind.startsWith('authority') ? await this.drafts.authorityFor(actor, incidentId, dto.authorityId) : null;
      if (dto.kind.startsWith('authority') && !authority) {
        throw new ValidationError([
          {
            path: 'authorityId',
            message:
              'is required: the competent authority could not be resolved from the controller (set its region, or name the authority)',
          },
        ]);
      }
      const initial = authority ? await this.repo.initialFor(tx, incidentId, authority.id) : null;
      let late = false;
      let reasonsForDelay = dto.reasonsForDelay?.trim() || null;
      if (dto.kind === 'authority_initial') {
        if (initial) {
          throw new NotificationError(
            NotificationErrorCode.InitialExists,
            `The initial notification to ${authority!.id} was recorded already; record a follow-up (Art. 33(4)).`,
            {
              extensions: { initialId: initial.id },
            },
          );
        }
        const clock = (await this.deadlines.clocksOf([incidentId])).get(incidentId)!.authority;
        late = !!clock && sentAt.getTime() > clock.dueAt.getTime();
        if (late && (reasonsForDelay ?? '').length < MIN_REASONS) {
          throw new NotificationError(
            NotificationErrorCode.ReasonsForDelayRequired,
            'Sent after the 72-hour deadline: Art. 33(1) requires the reasons for the delay.',
            {
              errors: [
                {
                  path: 'reasonsForDelay',
                  message: `is required (at least ${MIN_REASONS} characters) for a notification sent after ${clock!.dueAt.toISOString()}`,
                },
              ],
              extensions: { dueAt: clock!.dueAt.toISOString() },
            },
          );
        }
        if (!late) reasonsForDelay = reasonsForDelay ?? null;
      }
      if (dto.kind === 'authority_followup' && !initial) {
        throw new NotificationError(
          NotificationErrorCode.InitialRequired,
          `Record the initial notification to ${authority!.id} first; a follow-up supplements it.`,
        );
      }

      const draft = await this.drafts.draft(actor, incidentId, DOCUMENT_OF[kind], {
        lang: dto.language,
        authorityId: authority?.id,
        sentAt,
        reasonsForDelay,
        initial: initial ? { sentAt: initial.sentAt, reference: dto.reference ?? initial.reference } : null,
      });
      const body = dto.body ?? draft.text;
      const notification = await this.repo.insert(
        tx,
        tx.create(Notification, {
          id: this.ids.next(),
          incidentId,
          kind: dto.kind,
          authorityId: authority?.id ?? null,
          initialId: dto.kind === 'authority_followup' ? initial!.id : null,
          sentAt,
          recordedAt: now,
          recordedById: actor.userId,
          channel: dto.channel ?? null,
          reference: dto.reference ?? (dto.kind === 'authority_followup' ? initial!.reference : null),
          reasonsForDelay,
          late,
          language: draft.lang,
          templateId: dto.body ? 'as-sent' : draft.templateId,
          templateVersion: dto.body ? '-' : draft.templateVersion,
          body,
          bodySha256: createHash('sha256').update(body).digest('hex'),
        }),
      );
      await this.audit.record(tx, auditActorOf(actor), {
        action: 'notification.recorded',
        entityType: 'notification',
        entityId: notification.id,
        incidentId,
        changes: {
          kind: { from: null, to: notification.kind },
          sentAt: { from: null, to: sentAt.toISOString() },
          authorityId: { from: null, to: notification.authorityId },
          late: { from: null, to: late },
          bodySha256: { from: null, to: notification.bodySha256 },
        },
        reason: reasonsForDelay,
      });
      if (dto.kind === 'authority_initial') {
        await this.deadlines.completeAuthority(tx, incidentId, sentAt);
        await this.incidents.moveStatus(tx, actor, incident, 'notified', 'initial notification to the supervisory authority recorded');
      }
      return notification;
    });
  }

  // For the register, after the caller has scoped the incidents to the controller.
  async ofIncidents(incidentIds: string[]): Promise<Map<string, Notification[]>> {
    const rows = await this.db.read((m) => this.repo.ofIncidents(m, incidentIds));
    const out = new Map<string, Notification[]>();
    for (const n of rows) (out.get(n.incidentId) ?? out.set(n.incidentId, []).get(n.incidentId)!).push(n);
    return out;
  }

  // Both sides of the incident; the processor sees only its own reports to the controller.
  async list(actor: Actor, incidentId: string): Promise<Notification[]> {
    const { incident } = await this.incidents.view(actor, incidentId);
    const controllerSide = incident.controllerId === actor.organizationId;
    return this.db.read((m) => this.repo.ofIncident(m, incidentId, controllerSide ? undefined : ['processor_to_controller']));
  }
}
