import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
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
import { kindFor, obligationsAnswering } from './domain/obligation-filings';
import { addHours, isLateAt } from '../obligations/domain';
import { Obligation } from '../obligations/obligation.entity';
import { ObligationsService } from '../obligations/obligations.service';
import { EntityManager } from 'typeorm';

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
    private readonly obligations: ObligationsService,
    private readonly drafts: NotificationDraftsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async record(actor: Actor, incidentId: string, dto: RecordNotificationDto): Promise<Notification> {
    const now = this.clock.now();
    const sentAt = new Date(dto.sentAt);
    return this.db.transaction(async (tx) => {
      // A filing for a named obligation: its kind follows from the obligation (or must match it).
      let obligation = dto.obligationId
        ? await this.obligations.liveForFiling(tx, actor, incidentId.toLowerCase(), dto.obligationId)
        : null;
      const kind = this.kindOf(dto, obligation);
      dto = { ...dto, kind, authorityId: dto.authorityId ?? obligation?.recipient.authorityId };
      const fromProcessor = kind === 'processor_to_controller';
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

      if (kind === 'filing') {
        if (!dto.body) throw new ValidationError([{ path: 'body', message: `is required: there is no template for ${obligation!.key}` }]);
        return this.recordFiling(tx, actor, incidentId, obligation!, dto, sentAt, now);
      }
      const authority = kind.startsWith('authority') ? await this.drafts.authorityFor(actor, incidentId, dto.authorityId) : null;
      if (kind.startsWith('authority') && !authority) {
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
      const answering = obligationsAnswering(kind);
      if (!obligation && answering)
        obligation = await this.obligations.liveMatching(tx, incidentId, { ...answering, authorityId: authority?.id });
      if (kind === 'authority_initial') {
        if (initial) {
          throw new NotificationError(
            NotificationErrorCode.InitialExists,
            `The initial notification to ${authority!.id} was recorded already; record a follow-up (Art. 33(4)).`,
            {
              extensions: { initialId: initial.id },
            },
          );
        }
        // Late against the duty this notification fulfils; an authority that is no target of the
        // rules is judged by the 72 hours of Art. 33(1) from the controller's awareness.
        const dueAt = obligation ? obligation.dueAt : incident.controllerAwareAt && addHours(incident.controllerAwareAt, 72);
        const clock = dueAt ? { dueAt } : null;
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
      if (obligation) this.obligations.assertFulfilable(obligation, { at: sentAt, by: null, reasonsForDelay: dto.reasonsForDelay });
      if (kind === 'authority_followup' && !initial) {
        throw new NotificationError(
          NotificationErrorCode.InitialRequired,
          `Record the initial notification to ${authority!.id} first; a follow-up supplements it.`,
        );
      }

      const draft = await this.drafts.draft(actor, incidentId, DOCUMENT_OF[kind as Exclude<NotificationKind, 'filing'>], {
        lang: dto.language,
        authorityId: authority?.id,
        sentAt,
        reasonsForDelay,
        initial: initial ? { sentAt: initial.sentAt, reference: dto.reference ?? initial.reference } : null,
        // The ICO's and the FDPIC's notifications are stored in their own wording, as their drafts show it.
        law: obligation?.regime === 'uk_gdpr' || obligation?.regime === 'ch_fadp' ? obligation.regime : undefined,
      });
      const body = dto.body ?? draft.text;
      const notification = await this.repo.insert(
        tx,
        tx.create(Notification, {
          id: this.ids.next(),
          incidentId,
          kind: kind,
          obligationId: obligation?.id ?? null,
          authorityId: authority?.id ?? null,
          initialId: kind === 'authority_followup' ? initial!.id : null,
          sentAt,
          recordedAt: now,
          recordedById: actor.userId,
          channel: dto.channel ?? null,
          reference: dto.reference ?? (kind === 'authority_followup' ? initial!.reference : null),
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
      if (kind === 'authority_initial') {
        await this.incidents.moveStatus(tx, actor, incident, 'notified', 'initial notification to the supervisory authority recorded');
      }
      if (obligation) await this.fulfilAndFollow(tx, actor, obligation, notification);
      return notification;
    });
  }

  // The kind of a notification: given, or the obligation's; both given, they must agree.
  private kindOf(dto: RecordNotificationDto, obligation: Obligation | null): NotificationKind {
    const expected = obligation ? kindFor(obligation) : null;
    if (dto.kind && expected && dto.kind !== expected)
      throw new ValidationError([{ path: 'kind', message: `must be ${expected} for the obligation ${obligation!.key} (or be left out)` }]);
    const kind = dto.kind ?? expected;
    if (!kind) throw new ValidationError([{ path: 'kind', message: 'is required unless obligationId names the obligation filed for' }]);
    if (kind === 'filing' && !obligation)
      throw new ValidationError([{ path: 'obligationId', message: 'is required for a filing: it names the obligation filed for' }]);
    const answers = obligation?.recipient.authorityId;
    if (obligation && dto.authorityId && answers && dto.authorityId !== answers)
      throw new ValidationError([{ path: 'authorityId', message: `must be ${answers}, the recipient of ${obligation.key}` }]);
    return kind;
  }

  // A report to a recipient without a template (NIS2, DORA, ePrivacy): the text as sent, for its obligation.
  private async recordFiling(
    tx: EntityManager,
    actor: Actor,
    incidentId: string,
    obligation: Obligation,
    dto: RecordNotificationDto,
    sentAt: Date,
    now: Date,
  ): Promise<Notification> {
    // An update of a report filed already (DORA's intermediate report) fulfils nothing again.
    const update = obligation.phase !== 'live';
    if (!update) this.obligations.assertFulfilable(obligation, { at: sentAt, by: null, reasonsForDelay: dto.reasonsForDelay });
    const late = !update && isLateAt(obligation.dueAt, sentAt);
    const reasonsForDelay = late ? dto.reasonsForDelay!.trim() : null;
    const body = dto.body!;
    const notification = await this.repo.insert(
      tx,
      tx.create(Notification, {
        id: this.ids.next(),
        incidentId,
        kind: 'filing',
        obligationId: obligation.id,
        authorityId: obligation.recipient.authorityId ?? null,
        initialId: null,
        sentAt,
        recordedAt: now,
        recordedById: actor.userId,
        channel: dto.channel ?? null,
        reference: dto.reference ?? null,
        reasonsForDelay,
        late,
        language: dto.language ?? actor.locale,
        templateId: 'as-sent',
        templateVersion: '-',
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
        kind: { from: null, to: 'filing' },
        obligation: { from: null, to: obligation.key },
        sentAt: { from: null, to: sentAt.toISOString() },
        late: { from: null, to: late },
        bodySha256: { from: null, to: notification.bodySha256 },
      },
      reason: reasonsForDelay,
    });
    if (update) await this.obligations.sync(tx, incidentId, auditActorOf(actor));
    else await this.fulfilAndFollow(tx, actor, obligation, notification);
    return notification;
  }

  // The obligation is fulfilled and frozen by the notification; duties chained to this filing start.
  private async fulfilAndFollow(tx: EntityManager, actor: Actor, obligation: Obligation, n: Notification): Promise<void> {
    await this.obligations.fulfil(tx, auditActorOf(actor), obligation, { at: n.sentAt, by: n.id, reasonsForDelay: n.reasonsForDelay });
    await this.obligations.sync(tx, n.incidentId, auditActorOf(actor));
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
